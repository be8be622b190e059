import fc from 'fast-check';
import { commandsArb, descriptorsOf, fuzzCaseArb, runCase } from 'kubesim/testing';
import { createCluster } from 'kubesim';
const samples = fc.sample(fc.record({ c: fuzzCaseArb(), cmds: commandsArb() }), { seed: 5, numRuns: 100 });
const cases = samples.map((s) => ({ c: s.c, d: descriptorsOf(s.cmds) }));
for (const heal of [20, 5, 0]) {
  for (let k = 0; k < 2; k++) {
    const t0 = performance.now();
    for (const s of cases) runCase(s.c, s.d, { healMinutes: heal });
    console.log('heal', heal, 'ms/run', (performance.now() - t0) / cases.length);
  }
}
let t0 = performance.now();
for (const s of cases) { const c = createCluster({ seed: s.c.seed, zones: s.c.topology.zones, nodes: s.c.topology.nodes }); c.advance('5m'); }
console.log('bare ms/run', (performance.now() - t0) / cases.length);
t0 = performance.now();
for (const s of cases) { runCase(s.c, s.d, { healMinutes: 5, safety: () => [] }); }
console.log('no safety ms/run', (performance.now() - t0) / cases.length);
