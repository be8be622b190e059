/**
 * `kubectl describe priorityclass`: value, global default, preemption policy, description, the
 * annotations on one line, then the events.
 * @see kubectl pkg/describe/describe.go (PriorityClassDescriber, describePriorityClass)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { formatLabels } from '../selectors.js';
import { type DescribeWriter, describeEvents, eventsFor } from './writer.js';

type PriorityClass = KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string; description?: string };

/** `describePriorityClass`. */
export function describePriorityClass(w: DescribeWriter, pc: PriorityClass, store: ObjectStore): void {
  w.write(0, `Name:\t${pc.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, eventsFor(store, pc));
}
