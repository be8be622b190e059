/**
 * Precomputed facts about a pod, derived once per pod object: key, resource requests, volumes,
 * affinity terms (`framework.PodInfo`).
 * @see kubernetes pkg/scheduler/framework/types.go (PodInfo, calculateResource)
 */
import { ephemeralClaimName } from '@kubesim/core';
import { milliValue, parseQuantity } from '../api/quantity.js';
import type { Container, Pod, PodAffinityTerm } from '../api/types.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../defaults.js';

/** Requested compute resources. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
}

/** A pod with its scheduling facts. */
export interface PodInfo {
  /** The pod; the cache swaps in the bound version when it confirms an assumed pod. */
  pod: Pod;
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly requests: Resource;
  /** Requests with the scoring defaults (100m, 200Mi) for containers that set none. */
  readonly nonZero: Resource;
  /** Claim names of `persistentVolumeClaim` volumes (and generic ephemeral volumes' claims). */
  readonly claimNames: readonly string[];
  /** The claim names of generic ephemeral volumes (`<pod>-<volume>`, created by the ephemeral volume controller). */
  readonly ephemeralClaims: readonly string[];
  /** Volume IDs of inline `awsElasticBlockStore` volumes. */
  readonly inlineEbsVolumeIds: readonly string[];
  readonly requiredAntiAffinity: readonly PodAffinityTerm[];
  readonly requiredAffinity: readonly PodAffinityTerm[];
  readonly priority: number;
}

const NONE: readonly never[] = Object.freeze([]) as readonly never[];

function containerRequests(c: Container, nonZero: boolean): Resource {
  const req = c.resources?.requests ?? {};
  const cpu = req.cpu;
  const mem = req.memory;
  const eph = req['ephemeral-storage'];
  return {
    milliCPU: cpu !== undefined ? milliValue(cpu) : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0,
    memory: mem !== undefined ? parseQuantity(mem) : nonZero ? DEFAULT_MEMORY_REQUEST : 0,
    ephemeralStorage: eph !== undefined ? parseQuantity(eph) : 0,
  };
}

/** `resourcehelper.PodRequests`: sum of containers, at least the largest init container, plus overhead. */
export function podRequests(pod: Pod, nonZero: boolean): Resource {
  const total: Resource = { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
  // Indexed loops: for…of over the containers allocates an iterator per pod.
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const r = containerRequests(containers[i], nonZero);
    total.milliCPU += r.milliCPU;
    total.memory += r.memory;
    total.ephemeralStorage += r.ephemeralStorage;
  }
  const inits = pod.spec.initContainers ?? NONE;
  for (let i = 0; i < inits.length; i++) {
    const r = containerRequests(inits[i], nonZero);
    total.milliCPU = Math.max(total.milliCPU, r.milliCPU);
    total.memory = Math.max(total.memory, r.memory);
    total.ephemeralStorage = Math.max(total.ephemeralStorage, r.ephemeralStorage);
  }
  const o = pod.spec.overhead;
  if (o) {
    if (o.cpu !== undefined) total.milliCPU += milliValue(o.cpu);
    if (o.memory !== undefined) total.memory += parseQuantity(o.memory);
  }
  return shared(total);
}

/** The last few distinct request totals: pods of one template share one frozen object. */
const recent: Resource[] = [];

function shared(r: Resource): Resource {
  for (const s of recent) if (s.milliCPU === r.milliCPU && s.memory === r.memory && s.ephemeralStorage === r.ephemeralStorage) return s;
  if (recent.length >= 4) recent.shift();
  recent.push(Object.freeze(r));
  return r;
}

/** Builds the PodInfo of a pod; `key`, when given, is its `namespace/name` (the store key, already hashed). */
export function newPodInfo(pod: Pod, key?: string): PodInfo {
  const namespace = pod.metadata.namespace ?? 'default';
  const claimNames: string[] = [];
  const inline: string[] = [];
  let ephemeral: string[] | undefined;
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim) claimNames.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) {
      const name = ephemeralClaimName(pod, v);
      claimNames.push(name);
      if (ephemeral === undefined) ephemeral = [name];
      else ephemeral.push(name);
    } else if (v.awsElasticBlockStore) inline.push(v.awsElasticBlockStore.volumeID);
  }
  const aff = pod.spec.affinity;
  return {
    pod,
    key: key ?? `${namespace}/${pod.metadata.name}`,
    namespace,
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod, false),
    nonZero: podRequests(pod, true),
    claimNames: claimNames.length > 0 ? claimNames : NONE,
    ephemeralClaims: ephemeral ?? NONE,
    inlineEbsVolumeIds: inline.length > 0 ? inline : NONE,
    requiredAntiAffinity: aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NONE,
    requiredAffinity: aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? NONE,
    priority: pod.spec.priority ?? 0,
  };
}

/** Whether an affinity term selects `target` (namespaces default to the term owner's). */
export function termMatches(term: PodAffinityTerm, ownerNamespace: string, target: PodInfo, match: (sel: PodAffinityTerm['labelSelector'], labels: Readonly<Record<string, string>>) => boolean): boolean {
  const namespaces = term.namespaces && term.namespaces.length > 0 ? term.namespaces : [ownerNamespace];
  if (!namespaces.includes(target.namespace)) return false;
  return match(term.labelSelector, target.labels);
}
