import { checkCluster } from 'kubesim/testing';
const seed = Number(process.argv[2] ?? 1);
const n = Number(process.argv[3] ?? 50);
const t0 = performance.now();
const r = checkCluster({}, { seed, numRuns: n });
console.log(`${Math.round(performance.now() - t0)}ms failed=${r.failed} runs=${r.numRuns}`);
if (r.report) console.log(r.report.text);
