/**
 * `kubectl rollout undo`: the rollbackers. A Deployment gets the template of a ReplicaSet and that
 * ReplicaSet's annotations (a JSON patch replacing both whole); a StatefulSet or DaemonSet gets
 * the template stored in a ControllerRevision. Without `--to-revision`, the second newest
 * revision; a revision equal to the current template is skipped.
 * @see kubectl pkg/polymorphichelpers/rollback.go
 */
import { cloneData, deepEqual, type KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy, dryRunSuffix } from '../dry-run.js';
import { clientError } from '../errors.js';
import { objectRef } from '../resources.js';
import type { PodTemplate } from '../types.js';
import { targets } from './modify.js';
import { controllerRevisionTemplate, printTemplate, type Revision, revisionsOf } from './rollout-history.js';

/**
 * Deployment annotations `rollout undo` keeps from the Deployment rather than copying from the
 * ReplicaSet (rollback.go `annotationsToSkip`).
 */
const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** `revisionNotFoundErr`. */
function revisionNotFound(revision: number): Error {
  return clientError(`unable to find specified revision ${revision} in history`);
}

/** `deploymentRevision`: the ReplicaSet of `toRevision`, or with 0 the second newest one. */
function deploymentRevision(revs: readonly Revision[], toRevision: number, name: string): KubeObject {
  if (toRevision > 0) {
    const found = revs.find((r) => r.revision === toRevision);
    if (!found) throw revisionNotFound(toRevision);
    return found.obj;
  }
  const previous = revs.length >= 2 ? revs[revs.length - 2] : undefined;
  if (!previous) throw clientError(`no rollout history found for deployment ${JSON.stringify(name)}`);
  return previous.obj;
}

/** `findHistory` (StatefulSets, DaemonSets): the ControllerRevision of `toRevision`, or with 0 the second newest. */
function findHistory(revs: readonly Revision[], toRevision: number): KubeObject {
  if (toRevision === 0 && revs.length <= 1) throw clientError('no last revision to roll back to');
  const found = toRevision === 0 ? revs[revs.length - 2] : revs.find((r) => r.revision === toRevision);
  if (!found) throw revisionNotFound(toRevision);
  return found.obj;
}

/** The pod template without the `pod-template-hash` label (`equalIgnoreHash` compares these). */
function withoutHashLabel(template: PodTemplate | undefined): PodTemplate {
  const t = cloneData(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t as PodTemplate;
}

/** The rollback's result ("operation"): `rolled back`, `skipped rollback (…)`, or the client dry run's template. */
type Outcome = string;

function rollbackDeployment(inv: Invocation, obj: KubeObject, toRevision: number, strategy: string): Outcome {
  const name = obj.metadata.name ?? '';
  const rs = deploymentRevision(revisionsOf(inv, inv.ctx.core.kinds.get('Deployment')!, obj), toRevision, name);
  const template = (rs.spec as { template?: PodTemplate } | undefined)?.template;
  // The client dry run's "operation" is the ReplicaSet's template as describe prints it (hash label included).
  if (strategy === 'client') return printTemplate(inv, template);
  const spec = obj.spec as { paused?: boolean; template?: PodTemplate } | undefined;
  if (spec?.paused) throw clientError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const restored = withoutHashLabel(template);
  if (deepEqual(restored, withoutHashLabel(spec?.template))) return `skipped rollback (current template already matches revision ${toRevision})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  // A JSON patch replacing the template whole (a merge patch would drop its `creationTimestamp: null`).
  const patch = [
    { op: 'replace', path: '/spec/template', value: restored },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  inv.ctx.core.api.patch('Deployment', obj.metadata.namespace, name, patch, 'json', { dryRun: strategy === 'server' });
  return 'rolled back';
}

/** StatefulSetRollbacker / DaemonSetRollbacker: the revision's template, patched back whole. */
function rollbackFromControllerRevision(inv: Invocation, kind: string, obj: KubeObject, toRevision: number, strategy: string): Outcome {
  const info = inv.ctx.core.kinds.get(kind)!;
  const history = findHistory(revisionsOf(inv, info, obj), toRevision);
  const template = controllerRevisionTemplate(history);
  if (strategy === 'client') return `will roll back to ${printTemplate(inv, template)}`;
  // `statefulsetMatch` / `daemonSetMatch`: the current template's patch equals the revision's data.
  if (deepEqual(template, (obj.spec as { template?: PodTemplate } | undefined)?.template)) {
    return `skipped rollback (current template already matches revision ${toRevision})`;
  }
  inv.ctx.core.api.patch(kind, obj.metadata.namespace, obj.metadata.name ?? '', [{ op: 'replace', path: '/spec/template', value: cloneData(template) }], 'json', {
    dryRun: strategy === 'server',
  });
  return 'rolled back';
}

/** `kubectl rollout undo`. */
export function rolloutUndo(inv: Invocation, args: string[]): number {
  // Complete reads --dry-run first.
  const strategy = dryRunStrategy(inv);
  const toRevision = inv.args.int('to-revision', 0);
  for (const { info, obj } of targets(inv, args)) {
    if (toRevision < 0) throw revisionNotFound(toRevision);
    let outcome: Outcome;
    if (info.kind === 'Deployment') outcome = rollbackDeployment(inv, obj, toRevision, strategy);
    else if (info.kind === 'StatefulSet' || info.kind === 'DaemonSet') outcome = rollbackFromControllerRevision(inv, info.kind, obj, toRevision, strategy);
    else throw clientError(`no rollbacker has been implemented for ${info.kind}`);
    inv.out(`${objectRef(info, obj.metadata.name ?? '')} ${outcome}${dryRunSuffix(strategy)}\n`);
  }
  if (strategy === 'none') inv.ctx.core.loop.settle();
  return 0;
}
