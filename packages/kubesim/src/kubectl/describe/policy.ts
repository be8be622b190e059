/**
 * `kubectl describe poddisruptionbudget`: name, namespace, the budget (min available, else max
 * unavailable), the selector, the status counts, then the events.
 * @see kubectl pkg/describe/describe.go (PodDisruptionBudgetDescriber, describePodDisruptionBudgetV1)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { formatLabelSelector } from '../selectors.js';
import { type DescribeWriter, describeEvents, eventsFor } from './writer.js';

type Pdb = KubeObject & {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: Parameters<typeof formatLabelSelector>[0] };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
};

/** `describePodDisruptionBudgetV1`. */
export function describePodDisruptionBudget(w: DescribeWriter, pdb: Pdb, store: ObjectStore): void {
  const spec = pdb.spec ?? {};
  const status = pdb.status ?? {};
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${status.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${status.expectedPods ?? 0}\n`);
  describeEvents(w, eventsFor(store, pdb));
}
