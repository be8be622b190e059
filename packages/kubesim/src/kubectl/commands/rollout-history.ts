/**
 * `kubectl rollout history` and what `rollout undo` shares with it: a workload's revisions
 * (a Deployment's ReplicaSets, a StatefulSet's or DaemonSet's ControllerRevisions), the pod
 * template each holds, and that template as `describe` prints it.
 * @see kubectl pkg/polymorphichelpers/history.go (ViewHistory, printHistory, printTemplate)
 */
import type { KindInfo, KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { describePodTemplate } from '../describe/workloads.js';
import { DescribeWriter } from '../describe/writer.js';
import { clientError } from '../errors.js';
import { objectRef } from '../resources.js';
import { tabwrite } from '../tabwriter.js';
import type { PodTemplate } from '../types.js';
import { targets } from './modify.js';

/** `kubernetes.io/change-cause` (kubectl `ChangeCauseAnnotation`). */
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** One revision of a workload: its number and the object that holds it. */
export interface Revision {
  readonly revision: number;
  readonly obj: KubeObject;
}

/** The workload's revisions, oldest first. */
export function revisionsOf(inv: Invocation, info: KindInfo, obj: KubeObject): Revision[] {
  const kind = info.kind === 'Deployment' ? 'ReplicaSet' : 'ControllerRevision';
  return inv.ctx.core.store
    .list(kind, obj.metadata.namespace)
    .filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid))
    .map((o) => ({ revision: Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? o.revision ?? 0), obj: o }))
    .sort((x, y) => x.revision - y.revision);
}

/** The pod template a ControllerRevision stores (its `$patch: replace` template, `applyRevision`). */
export function controllerRevisionTemplate(revision: KubeObject): PodTemplate | undefined {
  const template = (revision as { data?: { spec?: { template?: PodTemplate & { $patch?: string } } } }).data?.spec?.template;
  if (!template) return undefined;
  const { $patch: _replace, ...plain } = template;
  return plain as PodTemplate;
}

/** The pod template a revision holds; a ReplicaSet's with its change cause added (history.go). */
function historyTemplate(info: KindInfo, revision: KubeObject): PodTemplate | undefined {
  if (info.kind !== 'Deployment') return controllerRevisionTemplate(revision);
  const template = (revision.spec as { template?: PodTemplate } | undefined)?.template;
  const cause = revision.metadata.annotations?.[CHANGE_CAUSE];
  if (!template || !cause) return template;
  const metadata = (template as { metadata?: { annotations?: Record<string, string> } }).metadata ?? {};
  return { ...template, metadata: { ...metadata, annotations: { ...metadata.annotations, [CHANGE_CAUSE]: cause } } } as PodTemplate;
}

/** The describe writer without the tabwriter: `describe.NewPrefixWriter` over a plain buffer. */
class PrefixWriter extends DescribeWriter {
  private text = '';

  override write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  override toString(): string {
    return this.text;
  }
}

/** history.go `printTemplate`: `DescribePodTemplate` into a buffer, tabs left as they are. */
export function printTemplate(inv: Invocation, template: PodTemplate | undefined): string {
  const { nowMs, parse } = inv.rowContext;
  const w = new PrefixWriter(nowMs, parse);
  describePodTemplate(w, template);
  return w.toString();
}

/** `kubectl rollout history`: the revisions with their change causes, or with `--revision` one revision's template. */
export function rolloutHistory(inv: Invocation, args: string[]): number {
  const revision = inv.args.int('revision', 0);
  for (const { info, obj } of targets(inv, args)) {
    const revs = revisionsOf(inv, info, obj);
    let history: string;
    if (revs.length === 0) history = 'No rollout history found.';
    else if (revision > 0) {
      const found = revs.find((r) => r.revision === revision);
      if (!found) throw clientError('unable to find the specified revision');
      history = printTemplate(inv, historyTemplate(info, found.obj));
    } else {
      const lines = ['REVISION\tCHANGE-CAUSE'];
      for (const r of revs) lines.push(`${r.revision}\t${r.obj.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}`);
      history = tabwrite(`${lines.join('\n')}\n`, 2);
    }
    // The name printer with `<with revision #N>\n<history>` as its "operation".
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    inv.out(`${objectRef(info, obj.metadata.name ?? '')} ${withRevision}\n${history}\n`);
  }
  return 0;
}
