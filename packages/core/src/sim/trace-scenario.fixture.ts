/**
 * A small deterministic scenario touching store, watches, GC, events and the RNG. trace.test.ts
 * runs it in-process and in a child process (`tsx trace-scenario.fixture.ts SEED`) and compares
 * fingerprints.
 */
import { fileURLToPath } from 'node:url';
import { CoreCluster } from '../cluster/core-cluster.js';

export function scenario(seed: number): CoreCluster {
  const core = new CoreCluster({ seed });
  for (let i = 0; i < 20; i++) {
    const owner = core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'owner-', namespace: 'default' }, data: {} });
    core.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: `${owner.metadata.name}-`, namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '' }] },
      data: {},
    });
    core.recorder.event(owner, 'Normal', 'Made', `made ${i}`, 'test');
    if (i % 3 === 0) core.api.delete('ConfigMap', 'default', owner.metadata.name ?? '');
    core.loop.advance('1s');
  }
  return core;
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${scenario(Number(process.argv[2] ?? 1)).fingerprint()}\n`);
}
