/**
 * VolumeBinding: Immediate claims must be bound before scheduling; bound PVs' node affinity must
 * admit the node; WaitForFirstConsumer claims need a matching PV or a class that can provision on
 * the node. PreBind writes the static bindings and `volume.kubernetes.io/selected-node`, then
 * waits (≤ 600 s) for every claim to be Bound.
 *
 * Design: Reserve records the chosen node's PodVolumes and marks matched PVs assumed so other pods
 * scheduled meanwhile cannot take them; PreBind writes PV `claimRef` (static, as upstream's
 * `GetBindVolumeToClaim`) or the PVC annotation (provisioning), then answers `'wait'` and
 * re-checks on every PVC change until all are Bound, the annotation is reset, or the timeout fires.
 * @see kubernetes pkg/scheduler/framework/plugins/volumebinding/volume_binding.go, binder.go
 */
import { getReference } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import { ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, NO_PROVISIONER } from '../../api/well-known.js';
import type { NodeInfo } from '../../cache/node-info.js';
import { BIND_TIMEOUT_MS } from '../../defaults.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, ReservePlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, SKIP, type Status } from '../../framework/status.js';
import { claimClass, errEphemeralPVCNotCreated, errPVCBeingDeleted, errPVCNotForPod, errPVCNotFound, errStorageClassNotFound } from '../helper/volumes.js';
import { checkPodVolumes, claimCandidates, ERR_REASON_UNBOUND_IMMEDIATE, findPodVolumes, type PodVolumeClaims, type PodVolumes } from './binder.js';

/** Plugin name. */
export const VOLUME_BINDING = 'VolumeBinding';
const STATE_KEY = 'PreFilterVolumeBinding';

interface State {
  readonly claims: PodVolumeClaims;
  reserved?: PodVolumes;
}

/** The VolumeBinding plugin. */
export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin {
  readonly name = VOLUME_BINDING;
  /** PV name → claim key it is promised to (the binder's assume cache). */
  private readonly assumedPVs = new Map<string, string>();

  constructor(private readonly handle: Handle) {}

  /** `GetPodVolumeClaims`. */
  private podVolumeClaims(pod: PodInfo, assumed: ReadonlySet<string>): PodVolumeClaims | Status {
    const bound: PersistentVolumeClaim[] = [];
    const unboundDelayed: PodVolumeClaims['unboundDelayed'][number][] = [];
    const unboundImmediate: PersistentVolumeClaim[] = [];
    for (const name of pod.claimNames) {
      const pvc = this.handle.getPVC(pod.namespace, name);
      const ephemeral = pod.ephemeralClaims.length > 0 && pod.ephemeralClaims.includes(name);
      if (!pvc) return newStatus('UnschedulableAndUnresolvable', ephemeral ? errEphemeralPVCNotCreated(name) : errPVCNotFound(name));
      if (pvc.metadata.deletionTimestamp) return newStatus('UnschedulableAndUnresolvable', errPVCBeingDeleted(name));
      if (ephemeral && !pvc.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === pod.pod.metadata.uid)) {
        return newStatus('UnschedulableAndUnresolvable', errPVCNotForPod(pod.namespace, name, pod.pod.metadata.name ?? ''));
      }
      if (pvc.spec.volumeName) {
        bound.push(pvc);
        continue;
      }
      const clsName = claimClass(pvc);
      const cls = clsName ? this.handle.getStorageClass(clsName) : undefined;
      if (clsName && !cls) return newStatus('Error', errStorageClassNotFound(clsName));
      if (cls?.volumeBindingMode === 'WaitForFirstConsumer') {
        const pvs = this.handle.bindablePVs(clsName, `${pod.namespace}/${name}`);
        unboundDelayed.push({ pvc, cls, candidates: pvs.length > 0 ? claimCandidates(pvc, pvs, assumed) : pvs });
      } else unboundImmediate.push(pvc);
    }
    return { bound, unboundDelayed, unboundImmediate };
  }

  preFilter(state: CycleState, pod: PodInfo): Status | undefined {
    if (pod.claimNames.length === 0) return SKIP;
    const claims = this.podVolumeClaims(pod, new Set(this.assumedPVs.keys()));
    if ('code' in claims) return claims;
    if (claims.unboundImmediate.length > 0) return newStatus('UnschedulableAndUnresolvable', ERR_REASON_UNBOUND_IMMEDIATE);
    const s: State = { claims };
    state.write(STATE_KEY, s);
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | undefined {
    const s = state.read<State>(STATE_KEY);
    if (!s) return undefined;
    const reasons = checkPodVolumes(this.handle, s.claims, node);
    return reasons ? newStatus('UnschedulableAndUnresolvable', ...reasons) : undefined;
  }

  /**
   * Nodes only differ for claims that are bound, already have a selected node, could take a
   * static PV or provision only in some topologies: without such claims every node fits (none
   * is flagged); with one, every node is flagged for the exact check.
   */
  filterNodes(state: CycleState, _pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    const s = state.read<State>(STATE_KEY);
    if (!s) return false;
    const sameEverywhere =
      s.claims.bound.length === 0 &&
      s.claims.unboundDelayed.every(
        ({ pvc, cls, candidates }) =>
          candidates.length === 0 &&
          pvc.metadata.annotations?.[ANN_SELECTED_NODE] === undefined &&
          cls.provisioner !== NO_PROVISIONER &&
          (cls.allowedTopologies ?? []).length === 0,
      );
    if (sameEverywhere) return false;
    for (let k = 0; k < batch.count; k++) flags[k] |= bit;
    return batch.count > 0;
  }

  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | undefined {
    const s = state.read<State>(STATE_KEY);
    if (!s) return undefined;
    const node = this.handle.cache.nodeInfo(nodeName);
    if (!node) return undefined;
    // The chosen node passed Filter in this cycle: its PodVolumes are recomputed, not kept per node.
    const v = findPodVolumes(this.handle, s.claims, node).podVolumes;
    s.reserved = v;
    for (const b of v.staticBindings) this.assumedPVs.set(b.pv.metadata.name as string, `${pod.namespace}/${b.pvc.metadata.name}`);
    return undefined;
  }

  unreserve(state: CycleState): void {
    const s = state.read<State>(STATE_KEY);
    for (const b of s?.reserved?.staticBindings ?? []) this.assumedPVs.delete(b.pv.metadata.name as string);
  }

  preBind(state: CycleState, pod: PodInfo, nodeName: string, done: (status: Status | undefined) => void): Status | undefined | 'wait' {
    const s = state.read<State>(STATE_KEY);
    const v = s?.reserved;
    if (!s || !v || (v.staticBindings.length === 0 && v.dynamicProvisions.length === 0)) return undefined;
    const api = this.handle.core.api;
    for (const { pvc, pv } of v.staticBindings) bindVolumeToClaim(this.handle, pv, pvc);
    for (const pvc of v.dynamicProvisions) {
      api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', pod.namespace, pvc.metadata.name as string, (d) => {
        const meta = d.metadata as { annotations?: Record<string, string> };
        meta.annotations = { ...(meta.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
      });
    }
    const claimNames = [...v.staticBindings.map((b) => b.pvc), ...v.dynamicProvisions].map((c) => c.metadata.name as string);
    const provisioning = new Set(v.dynamicProvisions.map((c) => c.metadata.name as string));
    const check = (): Status | undefined | 'wait' => this.checkBindings(pod, claimNames, provisioning, nodeName);
    const first = check();
    if (first !== 'wait') return this.finish(s, first);
    let finished = false;
    const finish = (st: Status | undefined): void => {
      if (finished) return;
      finished = true;
      unsubscribe();
      this.handle.core.loop.cancel(timer);
      done(this.finish(s, st));
    };
    const onChange = (): void => {
      const r = check();
      if (r !== 'wait') finish(r);
    };
    const unsubscribes = claimNames.map((name) => this.handle.onClaimChange(`${pod.namespace}/${name}`, onChange));
    const unsubscribe = (): void => {
      for (const u of unsubscribes) u();
    };
    const timer = this.handle.core.loop.schedule(BIND_TIMEOUT_MS, 'scheduler/volume-binding-timeout', () =>
      finish(newStatus('Error', 'binding volumes: context deadline exceeded')),
    );
    return 'wait';
  }

  private finish(s: State, status: Status | undefined): Status | undefined {
    for (const b of s.reserved?.staticBindings ?? []) this.assumedPVs.delete(b.pv.metadata.name as string);
    return status;
  }

  /** `checkBindings`: all claims Bound → success; a provisioning claim lost its node → error. */
  private checkBindings(pod: PodInfo, names: readonly string[], provisioning: ReadonlySet<string>, nodeName: string): Status | undefined | 'wait' {
    for (const name of names) {
      const pvc = this.handle.getPVC(pod.namespace, name);
      if (!pvc) return newStatus('Error', `binding volumes: ${errPVCNotFound(name)}`);
      if (provisioning.has(name) && !pvc.spec.volumeName && pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== nodeName) {
        return newStatus('Error', `binding volumes: selectedNode annotation reset for PVC "${name}"`);
      }
      if (!pvc.spec.volumeName || pvc.status?.phase !== 'Bound') return 'wait';
    }
    return undefined;
  }
}

/** `GetBindVolumeToClaim` + update: sets the PV's claimRef and bound-by-controller annotation. */
function bindVolumeToClaim(handle: Handle, pv: PersistentVolume, pvc: PersistentVolumeClaim): void {
  handle.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name as string, (d) => {
    const spec = d.spec as { claimRef?: unknown };
    spec.claimRef = getReference(pvc);
    const meta = d.metadata as { annotations?: Record<string, string> };
    meta.annotations = { ...(meta.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
  });
}
