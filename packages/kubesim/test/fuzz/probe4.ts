import { checkCluster, convergenceInvariants, runCase, fuzzCaseArb, commandsArb, descriptorsOf } from 'kubesim/testing';
import fc from 'fast-check';
let t0 = performance.now();
const r = checkCluster({ space: { workloadKinds: ['Deployment'], storage: 'always', provisioners: ['ebs.csi.aws.com'], operations: ['scale', 'advance'], pinZone: false }, liveness: convergenceInvariants }, { seed: Number(process.argv[2] ?? 1), numRuns: 200 });
console.log(performance.now() - t0, r.failed, r.numRuns);
console.log(r.report?.text.split('\nlast')[0]);
// per-run timing over the default space
const samples = fc.sample(fc.record({ c: fuzzCaseArb(), cmds: commandsArb() }), { seed: 5, numRuns: 60 });
t0 = performance.now();
let fails = 0;
for (const s of samples) { const res = runCase(s.c, descriptorsOf(s.cmds)); if (res.violations.length) { fails++; console.log(res.violations[0].message); } }
console.log('default ms/run', (performance.now() - t0) / samples.length, 'fails', fails);
