/**
 * The resource tables of `kubectl describe node`: per-pod requests and limits with their share
 * of the node's allocatable, and the "Allocated resources" totals.
 * @see kubectl pkg/describe/describe.go (describeNodeResource), pkg/util/resource (PodRequestsAndLimits)
 */
import { formatQuantity, parseQuantity, type Quantity } from '@kubesim/core';
import type { NodeObj, Pod } from '../types.js';
import type { DescribeWriter } from './writer.js';

type Totals = Record<string, Quantity>;

function add(into: Totals, name: string, value: string | undefined): void {
  if (!value) return;
  const q = parseQuantity(value);
  const prev = into[name];
  into[name] = prev ? { nanos: prev.nanos + q.nanos, format: prev.format } : q;
}

/** Requests and limits of a pod (sum over its containers). */
export function podRequestsAndLimits(pod: Pod): { requests: Totals; limits: Totals } {
  const requests: Totals = {};
  const limits: Totals = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) add(requests, k, v);
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) add(limits, k, v);
  }
  // A limit without a request defaults the request (API defaulting), as kubectl sees it.
  for (const [k, v] of Object.entries(limits)) if (!requests[k]) requests[k] = v;
  return { requests, limits };
}

function str(q: Quantity | undefined): string {
  return q ? formatQuantity(q) : '0';
}

function percent(q: Quantity | undefined, of: string | undefined): number {
  if (!q || !of) return 0;
  const total = parseQuantity(of).nanos;
  if (total === 0n) return 0;
  return Number((q.nanos * 100n) / total);
}

/** Writes `Non-terminated Pods` and `Allocated resources`. */
export function describeNodeResource(w: DescribeWriter, node: NodeObj, pods: readonly Pod[]): void {
  const alloc = Object.keys(node.status?.allocatable ?? {}).length ? (node.status?.allocatable ?? {}) : (node.status?.capacity ?? {});
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: Totals = {};
  const lims: Totals = {};
  for (const p of pods) {
    const { requests, limits } = podRequestsAndLimits(p);
    for (const [k, v] of Object.entries(requests)) add(reqs, k, formatQuantity(v));
    for (const [k, v] of Object.entries(limits)) add(lims, k, formatQuantity(v));
    const cell = (t: Totals, r: string) => `${str(t[r])} (${percent(t[r], alloc[r])}%)`;
    w.write(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(requests, 'cpu')}\t${cell(limits, 'cpu')}\t${cell(requests, 'memory')}\t${cell(limits, 'memory')}\t${w.since(p.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    w.write(1, `${r}\t${str(reqs[r])} (${percent(reqs[r], alloc[r])}%)\t${str(lims[r])} (${percent(lims[r], alloc[r])}%)\n`);
  }
  for (const r of Object.keys(alloc)
    .filter((k) => k.startsWith('hugepages-'))
    .sort()) {
    w.write(1, `${r}\t${str(reqs[r])} (0%)\t${str(lims[r])} (0%)\n`);
  }
}
