/**
 * Bounded liveness: checked once, after the faults healed and T virtual minutes passed.
 * `workloads-ready` is the strict form (every Deployment rolled out, every StatefulSet replica
 * Ready); `stuck-pods-explained` the lenient one (a pod that is not Running and Ready is blocked by
 * a cause `diagnose` names — an unexplained stuck pod is a simulator bug, not a pathology).
 */
import type { KubeObject } from '@kubesim/core';
import type { Pod } from 'kubernetes-types/core/v1';
import { type Invariant, type Violation, violation } from './invariant.js';

interface WorkloadLike extends KubeObject {
  readonly spec: { readonly replicas?: number; readonly selector?: { readonly matchLabels?: Record<string, string> } };
  readonly status?: { readonly replicas?: number; readonly readyReplicas?: number; readonly updatedReplicas?: number; readonly availableReplicas?: number };
}

function selectorOf(w: WorkloadLike): string {
  return Object.entries(w.spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function shortfall(kind: string, w: WorkloadLike): string | undefined {
  const want = w.spec.replicas ?? 1;
  const s = w.status ?? {};
  const ready = s.readyReplicas ?? 0;
  if (kind === 'Deployment') {
    const updated = s.updatedReplicas ?? 0;
    const total = s.replicas ?? 0;
    const available = s.availableReplicas ?? 0;
    if (updated === want && ready === want && available === want && total === want) return undefined;
    return `${ready}/${want} ready, ${updated} updated, ${total} total${updated < want || total > want ? ' (rollout not complete)' : ''}`;
  }
  return ready === want ? undefined : `${ready}/${want} ready`;
}

/** `workloads-ready`: every Deployment has completed its rollout and every StatefulSet has all replicas Ready. */
export const workloadsReady: Invariant = {
  id: 'workloads-ready',
  description: 'after faults heal and T minutes pass, every workload has all its replicas updated and Ready',
  check(cluster) {
    const out: Violation[] = [];
    for (const kind of ['Deployment', 'StatefulSet']) {
      for (const w of cluster.list(kind) as unknown as WorkloadLike[]) {
        const missing = shortfall(kind, w);
        if (!missing) continue;
        const stuck = cluster
          .list('Pod', { namespace: w.metadata.namespace, labelSelector: selectorOf(w) })
          .map((p) => cluster.diagnose(p))
          .filter((d) => !d.healthy);
        const causes = [...new Set(stuck.flatMap((d) => d.causes))].sort();
        const why = stuck.map((d) => `\n  ${d.pod}: ${d.text}`).join('');
        out.push(violation(cluster, this.id, `${kind.toLowerCase()}/${w.metadata.name}: ${missing}${why}`, [`${kind.toLowerCase()}/${w.metadata.namespace}/${w.metadata.name}`], causes));
      }
    }
    return out;
  },
};

/** `stuck-pods-explained`: every pod not Running and Ready has a cause `diagnose` names. */
export const stuckPodsExplained: Invariant = {
  id: 'stuck-pods-explained',
  description: 'after faults heal and T minutes pass, every pod is Running and Ready or blocked by a cause diagnose names',
  check(cluster) {
    const out: Violation[] = [];
    for (const p of cluster.list('Pod') as (Pod & KubeObject)[]) {
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const d = cluster.diagnose(p);
      if (d.healthy || d.causes.length > 0) continue;
      out.push(violation(cluster, this.id, `pod ${d.pod} is ${d.status} and diagnose names no cause: ${d.text}`, [`pod/${d.pod}`]));
    }
    return out;
  },
};
