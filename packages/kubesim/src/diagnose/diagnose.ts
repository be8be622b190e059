/**
 * `diagnose(pod)`: why a pod is not Running, as a causal chain read from API objects only
 * (events, claims, volumes, VolumeAttachments, node conditions), the way an operator would walk
 * `kubectl describe` output: `ContainerCreating ← volume pvc-… attached to ip-… (zone …) ← used by
 * pod … (Running) ← claim randserver-data is ReadWriteOnce`.
 */
import { type CoreCluster, type CoreEvent, type KubeObject, podVolumeClaimName } from '@kubesim/core';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { podsOnNode } from '../kubectl/resources.js';
import { attachmentsOf, podStatusText, volumeIdOf } from './facts.js';
import { rolloutLink } from './rollout.js';
import { schedulingCauses } from './scheduling-causes.js';

/** One diagnosis. */
export interface Diagnosis {
  /** `namespace/name`. */
  readonly pod: string;
  /** kubectl's STATUS of the pod. */
  readonly status: string;
  /** Whether the pod is Running and Ready. */
  readonly healthy: boolean;
  /** Cause links, effect first. */
  readonly chain: readonly string[];
  /** The chain joined with ` ← `. */
  readonly text: string;
  /** Stable ids of the causes found (`multi-attach`, `volume-node-affinity`, `node-not-ready`, …). */
  readonly causes: readonly string[];
}

type P = Pod & KubeObject;

/** Diagnoses one pod. */
export function diagnosePod(input: { core: CoreCluster }, pod: KubeObject): Diagnosis {
  const core = input.core;
  const p = pod as P;
  const status = podStatusText(p);
  const chain: string[] = [status];
  const causes: string[] = [];
  const ns = p.metadata.namespace ?? 'default';
  const healthy = status === 'Running' && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  if (!healthy) {
    if (p.metadata.deletionTimestamp) explainTerminating(core, p, chain, causes);
    else if (!p.spec?.nodeName) explainUnscheduled(core, p, chain, causes);
    else explainOnNode(core, p, chain, causes);
  }
  return { pod: `${ns}/${p.metadata.name}`, status, healthy, chain, text: chain.join(' ← '), causes };
}

function latestEvent(core: CoreCluster, obj: KubeObject, reason: string): CoreEvent | undefined {
  const events = core.recorder.eventsFor(obj).filter((e) => e.reason === reason);
  return events[events.length - 1];
}

function nodeReady(node: Node | undefined): string {
  return node?.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
}

function explainTerminating(core: CoreCluster, p: P, chain: string[], causes: string[]): void {
  const node = p.spec?.nodeName ? core.store.get<Node & KubeObject>('Node', undefined, p.spec.nodeName) : undefined;
  if (node && nodeReady(node) !== 'True') {
    chain.push(`node ${node.metadata.name} is NotReady (Ready=${nodeReady(node)}): no kubelet confirms the termination`);
    const set = p.metadata.ownerReferences?.find((r) => r.kind === 'StatefulSet' && r.controller);
    if (set) {
      chain.push(`StatefulSet ${set.name} creates no replacement for ${p.metadata.name} while it exists (at most one pod per ordinal)`);
      causes.push('statefulset-pod-not-replaced');
    }
    chain.push('force delete the pod (--grace-period=0 --force) or taint the node node.kubernetes.io/out-of-service');
    causes.push('node-not-ready');
  } else {
    const by = preemptor(core, p);
    if (by) {
      chain.push(`preempted by ${by} to make room on node ${p.spec?.nodeName}`);
      causes.push('preempted');
    }
    chain.push(`deletion requested; grace period ${p.metadata.deletionGracePeriodSeconds ?? 30}s`);
    causes.push('terminating');
  }
}

/** Whether the scheduler's preemption is deleting the pod (DisruptionTarget=True, PreemptionByScheduler). */
function preemptedByScheduler(p: P): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/**
 * The pod that preempted `p`, as `pod <namespace>/<name> (priority N)`, from its `Preempted` event
 * (which names the preemptor's UID); the UID alone when that pod is gone.
 */
function preemptor(core: CoreCluster, p: P): string | undefined {
  if (!preemptedByScheduler(p)) return undefined;
  const uid = /^Preempted by pod (\S+) on node/.exec(latestEvent(core, p, 'Preempted')?.message ?? '')?.[1];
  if (!uid) return 'a pod of higher priority';
  const pod = core.store.list<P>('Pod').find((x) => x.metadata.uid === uid);
  return pod ? `pod ${pod.metadata.namespace}/${pod.metadata.name} (priority ${pod.spec?.priority ?? 0})` : `pod ${uid}`;
}

function explainUnscheduled(core: CoreCluster, p: P, chain: string[], causes: string[]): void {
  const failed = latestEvent(core, p, 'FailedScheduling');
  if (failed) {
    chain.push(`FailedScheduling: ${failed.message}`);
    causes.push(...schedulingCauses(failed.message));
  } else {
    chain.push('not scheduled yet');
  }
  const nominated = p.status?.nominatedNodeName;
  if (nominated) {
    const victims = (podsOnNode(core.store, nominated) as P[])
      .filter((v) => v.metadata.deletionTimestamp && preemptedByScheduler(v))
      .map((v) => v.metadata.name)
      .sort();
    chain.push(
      victims.length > 0
        ? `nominated to node ${nominated}: waiting for the pods it preempted to terminate (${victims.join(', ')})`
        : `nominated to node ${nominated} by preemption`,
    );
    if (!causes.includes('preemption-pending')) causes.push('preemption-pending');
  }
  for (const claim of claimsOf(core, p)) explainClaim(core, claim, chain, causes);
}

function claimsOf(core: CoreCluster, p: P): (PersistentVolumeClaim & KubeObject)[] {
  const ns = p.metadata.namespace ?? 'default';
  const out: (PersistentVolumeClaim & KubeObject)[] = [];
  for (const v of p.spec?.volumes ?? []) {
    const name = podVolumeClaimName(p, v);
    if (!name) continue;
    const claim = core.store.get<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', ns, name);
    if (claim) out.push(claim);
  }
  return out;
}

function explainClaim(core: CoreCluster, claim: PersistentVolumeClaim & KubeObject, chain: string[], causes: string[]): void {
  const name = claim.metadata.name;
  if (claim.status?.phase !== 'Bound') {
    const failed = latestEvent(core, claim, 'ProvisioningFailed');
    chain.push(`claim ${name} is ${claim.status?.phase ?? 'Pending'}${failed ? `: ${failed.message}` : ''}`);
    causes.push('claim-pending');
    return;
  }
  const pv = claim.spec?.volumeName ? core.store.get<PersistentVolume & KubeObject>('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
  const zones = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms?.flatMap((t) => t.matchExpressions ?? []).filter((e) => e.key.endsWith('zone')).flatMap((e) => e.values ?? []);
  if (pv && zones?.length) chain.push(`claim ${name} is bound to ${pv.metadata.name}, pinned to zone ${zones.join(', ')}`);
}

function explainOnNode(core: CoreCluster, p: P, chain: string[], causes: string[]): void {
  const nodeName = p.spec?.nodeName ?? '';
  const node = core.store.get<Node & KubeObject>('Node', undefined, nodeName);
  if (!node || nodeReady(node) !== 'True') {
    chain.push(`node ${nodeName} is ${node ? `NotReady (Ready=${nodeReady(node)})` : 'gone'}`);
    causes.push('node-not-ready');
    return;
  }
  const multi = latestEvent(core, p, 'FailedAttachVolume');
  for (const claim of claimsOf(core, p)) {
    const pv = claim.spec?.volumeName ? core.store.get<PersistentVolume & KubeObject>('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
    if (!pv) continue;
    const holders = attachmentsOf(core, pv).filter((a) => a.nodeName !== nodeName);
    if (holders.length === 0) continue;
    const rollout = rolloutLink(core, p, holders.flatMap((h) => h.pods));
    for (const h of holders) {
      const holderNode = core.store.get<Node & KubeObject>('Node', undefined, h.nodeName);
      const zone = holderNode?.metadata.labels?.['topology.kubernetes.io/zone'] ?? '?';
      chain.push(`volume ${pv.metadata.name} (${volumeIdOf(pv)}) attached to ${h.nodeName} (zone ${zone})`);
      const users = h.pods.map((u) => `${u.metadata.name} (${podStatusText(u)})`);
      if (users.length) chain.push(`used by pod ${users.join(', ')}`);
      if (holderNode && nodeReady(holderNode) !== 'True') {
        chain.push(`node ${h.nodeName} is NotReady (Ready=${nodeReady(holderNode)}): its pods never finish terminating, so the volume is never detached (force delete them or taint the node node.kubernetes.io/out-of-service)`);
        causes.push('node-not-ready');
      }
    }
    const modes = pv.spec?.accessModes ?? claim.spec?.accessModes ?? [];
    chain.push(`claim ${claim.metadata.name} is ${modes.join(', ')}: an EBS volume attaches to one node at a time`);
    causes.push('multi-attach');
    if (rollout) {
      chain.push(rollout);
      causes.push('rolling-update-deadlock');
    }
    return;
  }
  if (multi) {
    chain.push(`${multi.reason}: ${multi.message}`);
    causes.push(multi.message.startsWith('Multi-Attach') ? 'multi-attach' : 'attach-failed');
    return;
  }
  // The kubelet could not mount a volume (a missing ConfigMap, a Block volume in volumeMounts…).
  const mount = latestEvent(core, p, 'FailedMount');
  if (mount) {
    chain.push(`${mount.reason}: ${mount.message}`);
    causes.push('mount-failed');
    return;
  }
  const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting);
  if (waiting?.state?.waiting?.reason === 'CrashLoopBackOff') {
    const last = waiting.lastState?.terminated;
    chain.push(`container ${waiting.name} keeps exiting${last ? ` (exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : ''}`);
    causes.push('crash-loop');
    return;
  }
  for (const claim of claimsOf(core, p)) explainClaim(core, claim, chain, causes);
  if (chain.length === 1) chain.push('waiting for the kubelet (image pull, volume mount or container start)');
}
