/**
 * Kernel step benchmark: one event = pop from the event queue, one store update via `produce` on
 * one object, index update, watch fan-out (delivered through the queue). Measured at 1k and 100k
 * stored objects, against a reference loop with plain Maps doing the same logical work
 * (copy-on-write update with freeze, index Map, handler call through a binary heap).
 * Targets: kernel step ≤ 3× the reference; cost at 100k ≤ 2× the cost at 1k.
 */
import { CoreCluster, type KubeObject } from '@kubesim/core';
import { type BenchResult, bestMs, round } from './harness.js';

type PodLike = KubeObject & { spec: { nodeName: string }; status: { restarts: number; phase: string } };
const STEPS = 20_000;

function kernelRun(objects: number): () => void {
  const core = new CoreCluster({ seed: 1 });
  core.store.addIndex<PodLike>('Pod', 'spec.nodeName', (p) => [p.spec.nodeName]);
  for (let i = 0; i < objects; i++) {
    core.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p-${i}`, namespace: 'default', labels: { app: `a${i % 50}` } },
      spec: { nodeName: `n-${i % 100}` },
      status: { restarts: 0, phase: 'Running' },
    });
  }
  let seen = 0;
  core.store.watch<PodLike>('Pod', () => {
    seen++;
  });
  core.loop.settle();
  let i = 0;
  return () => {
    for (let s = 0; s < STEPS; s++) {
      const name = `p-${(i++ * 7919) % objects}`;
      core.loop.schedule(0, 'step', () => {
        core.store.update<PodLike>('Pod', 'default', name, (d) => {
          d.status.restarts += 1;
          d.spec.nodeName = `n-${(d.status.restarts + 1) % 100}`;
        });
      });
    }
    core.loop.settle();
    if (seen === 0) throw new Error('no watch events delivered');
  };
}

interface RefEvent {
  at: number;
  seq: number;
  run: () => void;
}

/** The reference: the same step with plain Maps, a minimal heap and hand-written copy-on-write. */
function referenceRun(objects: number): () => void {
  const heap: RefEvent[] = [];
  let seq = 0;
  const less = (a: RefEvent, b: RefEvent) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const push = (e: RefEvent) => {
    heap.push(e);
    let k = heap.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!less(heap[k], heap[p])) break;
      [heap[k], heap[p]] = [heap[p], heap[k]];
      k = p;
    }
  };
  const pop = (): RefEvent | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === k) break;
        [heap[k], heap[m]] = [heap[m], heap[k]];
        k = m;
      }
    }
    return top;
  };
  const objectsMap = new Map<string, PodLike>();
  const index = new Map<string, Set<string>>();
  for (let i = 0; i < objects; i++) {
    const key = `default/p-${i}`;
    const node = `n-${i % 100}`;
    objectsMap.set(key, Object.freeze({ apiVersion: 'v1', kind: 'Pod', metadata: Object.freeze({ name: `p-${i}`, namespace: 'default', resourceVersion: '1' }), spec: Object.freeze({ nodeName: node }), status: Object.freeze({ restarts: 0, phase: 'Running' }) }) as PodLike);
    const set = index.get(node) ?? new Set<string>();
    index.set(node, set);
    set.add(key);
  }
  let rv = 1;
  let seen = 0;
  const handler = (_o: PodLike) => {
    seen++;
  };
  let i = 0;
  return () => {
    for (let s = 0; s < STEPS; s++) {
      const key = `default/p-${(i++ * 7919) % objects}`;
      push({
        at: 0,
        seq: seq++,
        run: () => {
          const old = objectsMap.get(key) as PodLike;
          const restarts = old.status.restarts + 1;
          const next = Object.freeze({
            ...old,
            metadata: Object.freeze({ ...old.metadata, resourceVersion: String(++rv) }),
            spec: Object.freeze({ ...old.spec, nodeName: `n-${(restarts + 1) % 100}` }),
            status: Object.freeze({ ...old.status, restarts }),
          }) as PodLike;
          objectsMap.set(key, next);
          if (old.spec.nodeName !== next.spec.nodeName) {
            index.get(old.spec.nodeName)?.delete(key);
            const set = index.get(next.spec.nodeName) ?? new Set<string>();
            index.set(next.spec.nodeName, set);
            set.add(key);
          }
          push({ at: 0, seq: seq++, run: () => handler(next) });
        },
      });
    }
    for (let e = pop(); e; e = pop()) e.run();
    if (seen === 0) throw new Error('no handler calls');
  };
}

/** Runs the kernel benchmarks. */
export function run(): BenchResult[] {
  const perEvent = (ms: number) => (ms * 1e6) / STEPS; // ns per step
  const k1 = perEvent(bestMs(kernelRun(1_000)));
  const r1 = perEvent(bestMs(referenceRun(1_000)));
  const k100 = perEvent(bestMs(kernelRun(100_000)));
  const r100 = perEvent(bestMs(referenceRun(100_000)));
  const eps = (ns: number) => round(1e9 / ns, 0);
  return [
    { bench: 'kernel-step-1k', value: eps(k1), unit: 'events/s', reference: eps(r1), ratio: round(k1 / r1, 2), target: 'kernel step <= 3x the reference loop', pass: k1 / r1 <= 3 },
    { bench: 'kernel-step-100k', value: eps(k100), unit: 'events/s', reference: eps(r100), ratio: round(k100 / r100, 2), target: 'kernel step <= 3x the reference loop', pass: k100 / r100 <= 3 },
    { bench: 'kernel-growth-100k-vs-1k', value: round(k100, 0), unit: 'ns/event at 100k', reference: round(k1, 0), ratio: round(k100 / k1, 2), target: 'cost per event at 100k objects <= 2x the cost at 1k', pass: k100 / k1 <= 2 },
  ];
}
