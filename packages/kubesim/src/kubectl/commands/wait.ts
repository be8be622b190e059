/**
 * `kubectl wait` and `kubectl rollout status|restart|history|undo|pause|resume` (history in
 * rollout-history.ts, undo in rollout-undo.ts, pause and resume in rollout-pause.ts): status and
 * wait run virtual time through the event loop until the condition holds or the timeout passes.
 * @see kubectl pkg/cmd/wait/wait.go, pkg/polymorphichelpers/rollout_status.go,
 *   pkg/cmd/rollout/rollout_restart.go
 */
import type { KindInfo, KubeObject } from '@kubesim/core';
import { type Command, type Invocation, timeoutMs, waitFor } from '../command.js';
import { DRY_RUN_FLAG } from '../dry-run.js';
import { clientError, KubectlError } from '../errors.js';
import { usageError } from '../flags.js';
import { FILENAME_FLAGS } from '../manifests.js';
import { evalPath, printValue } from '../printers/jsonpath.js';
import { objectRef } from '../resources.js';
import type { Condition, Workload } from '../types.js';
import { finish, targets } from './modify.js';
import { rolloutHistory } from './rollout-history.js';
import { rolloutPause, rolloutResume } from './rollout-pause.js';
import { rolloutUndo } from './rollout-undo.js';

/** `kubectl wait` default `--timeout` (30s). */
const WAIT_DEFAULT_MS = 30_000;
/** `rollout status` has no timeout by default; kubesim bounds it (virtual). */
const ROLLOUT_DEFAULT_MS = 60 * 60_000;

/** `kubectl wait`. */
export const waitCommand: Command = {
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'field-selector', type: 'string' },
    ...FILENAME_FLAGS,
  ],
  run(inv) {
    const forText = inv.args.string('for');
    if (!forText) throw clientError('--for must be set');
    const check = conditionCheck(forText);
    const deadline = inv.ctx.core.clock.now() + timeoutMs(inv.args.string('timeout'), WAIT_DEFAULT_MS);
    const list = targets(inv, inv.args.args);
    if (list.length === 0) throw clientError('no matching resources found');
    for (const { info, obj } of list) {
      const store = inv.ctx.core.store;
      const current = () => store.get(info.kind, obj.metadata.namespace, obj.metadata.name ?? '');
      const ok = waitFor(inv, () => check(current(), obj), deadline - inv.ctx.core.clock.now());
      if (!ok) throw clientError(`timed out waiting for the condition on ${info.resource}/${obj.metadata.name}`);
      inv.out(`${objectRef(info, obj.metadata.name ?? '')} condition met\n`);
    }
    return 0;
  },
};

/** Parses `--for=delete|condition=X[=value]|jsonpath='{…}'=value`. */
function conditionCheck(forText: string): (live: KubeObject | undefined, original: KubeObject) => boolean {
  if (forText === 'delete') return (live, original) => !live || live.metadata.uid !== original.metadata.uid;
  if (forText.startsWith('condition=')) {
    const [type, value = 'true'] = forText.slice('condition='.length).split('=');
    return (live) => {
      const conds = ((live?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
      return conds.some((c) => c.type.toLowerCase() === type.toLowerCase() && c.status.toLowerCase() === value.toLowerCase());
    };
  }
  if (forText.startsWith('jsonpath=')) {
    const spec = forText.slice('jsonpath='.length);
    const m = /^'?\{(.*)\}'?(?:=(.*))?$/.exec(spec);
    if (!m) throw clientError(`unrecognized condition: ${JSON.stringify(forText)}`);
    const [path, want] = [m[1], m[2]];
    return (live) => {
      if (!live) return false;
      const vals = evalPath(path, live);
      return want === undefined ? vals.length > 0 : vals.length > 0 && printValue(vals[0]) === want;
    };
  }
  throw clientError(`unrecognized condition: ${JSON.stringify(forText)}`);
}

/** `rollout status` text of a Deployment (`DeploymentStatusViewer.Status`). */
export function deploymentStatus(d: Workload): { message: string; done: boolean } {
  const s = d.status ?? {};
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw clientError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
  const want = d.spec?.replicas ?? 1;
  const [updated, total, available] = [s.updatedReplicas ?? 0, s.replicas ?? 0, s.availableReplicas ?? 0];
  if (updated < want) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  if (total > updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${total - updated} old replicas are pending termination...`, done: false };
  if (available < updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment ${JSON.stringify(name)} successfully rolled out`, done: true };
}

/** `rollout status` text of a StatefulSet (`StatefulSetStatusViewer.Status`). */
export function statefulSetStatus(s: Workload): { message: string; done: boolean } {
  const st = s.status ?? {};
  if (s.spec?.updateStrategy?.type === 'OnDelete') throw clientError('rollout status is only available for RollingUpdate strategy type');
  if (!st.observedGeneration || (s.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const want = s.spec?.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < want) return { message: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...`, done: false };
  const partition = s.spec?.updateStrategy?.rollingUpdate?.partition;
  if (partition !== undefined) {
    if ((st.updatedReplicas ?? 0) < want - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - partition} new pods have been updated...`, done: false };
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`, done: true };
}

/** `rollout status` text of a DaemonSet (`DaemonSetStatusViewer.Status`). */
export function daemonSetStatus(d: Workload): { message: string; done: boolean } {
  if (d.spec?.updateStrategy?.type !== 'RollingUpdate') throw clientError('rollout status is only available for RollingUpdate strategy type');
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  const name = JSON.stringify(d.metadata.name);
  const [want, updated, avail] = [st.desiredNumberScheduled ?? 0, st.updatedNumberScheduled ?? 0, st.numberAvailable ?? 0];
  if (updated < want) return { message: `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${want} new pods have been updated...`, done: false };
  if (avail < want) return { message: `Waiting for daemon set ${name} rollout to finish: ${avail} of ${want} updated pods are available...`, done: false };
  return { message: `daemon set ${name} successfully rolled out`, done: true };
}

function statusOf(info: KindInfo, obj: KubeObject): { message: string; done: boolean } {
  if (info.kind === 'Deployment') return deploymentStatus(obj as Workload);
  if (info.kind === 'StatefulSet') return statefulSetStatus(obj as Workload);
  if (info.kind === 'DaemonSet') return daemonSetStatus(obj as Workload);
  throw clientError(`no status viewer has been implemented for ${info.kind}`);
}

/** `kubectl rollout`. */
export const rolloutCommand: Command = {
  flags: [
    { name: 'timeout', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
    { name: 'to-revision', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'field-manager', type: 'string' },
    // Only `rollout undo` has --dry-run (restart, status and history do not, in kubectl 1.33).
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const [sub, ...rest] = inv.args.args;
    if (['status', 'restart', 'history', 'pause', 'resume'].includes(sub) && inv.args.has('dry-run')) throw usageError('unknown flag: --dry-run', `kubectl rollout ${sub}`);
    if (sub === 'status') return rolloutStatus(inv, rest);
    if (sub === 'restart') return rolloutRestart(inv, rest);
    if (sub === 'history') return rolloutHistory(inv, rest);
    if (sub === 'undo') return rolloutUndo(inv, rest);
    if (sub === 'pause') return rolloutPause(inv, rest);
    if (sub === 'resume') return rolloutResume(inv, rest);
    throw new KubectlError(`error: unknown command "${sub ?? ''}" for "kubectl rollout"\nRun 'kubectl rollout --help' for usage.`);
  },
};

function rolloutStatus(inv: Invocation, args: string[]): number {
  for (const { info, obj } of targets(inv, args)) {
    const store = inv.ctx.core.store;
    let last = '';
    let result: { message: string; done: boolean } = { message: '', done: false };
    const check = () => {
      const live = store.get(info.kind, obj.metadata.namespace, obj.metadata.name ?? '');
      if (!live) throw inv.ctx.core.api.notFound(info.kind, obj.metadata.name ?? '');
      result = statusOf(info, live);
      if (result.message !== last) {
        inv.out(`${result.message}\n`);
        last = result.message;
      }
      return result.done || !inv.args.bool('watch', true);
    };
    if (!waitFor(inv, check, timeoutMs(inv.args.string('timeout'), ROLLOUT_DEFAULT_MS))) {
      throw clientError('timed out waiting for the condition');
    }
  }
  return 0;
}

function rolloutRestart(inv: Invocation, args: string[]): number {
  const errs: unknown[] = [];
  for (const { info, obj } of targets(inv, args)) {
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': inv.ctx.core.clock.rfc3339() } } } } };
    inv.ctx.core.api.patch(info.kind, obj.metadata.namespace, obj.metadata.name ?? '', patch, 'strategic');
    inv.out(`${objectRef(info, obj.metadata.name ?? '')} restarted\n`);
  }
  inv.ctx.core.loop.settle();
  return finish(inv, errs);
}
