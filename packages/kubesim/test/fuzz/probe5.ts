import { checkCluster, convergenceInvariants, PATHOLOGY_SPACES, SAFE_SPACES, describeCase } from 'kubesim/testing';
const which = process.argv[2];
const seed = Number(process.argv[3] ?? 1);
const all = { ...PATHOLOGY_SPACES, ...SAFE_SPACES } as Record<string, object>;
for (const [name, space] of Object.entries(all)) {
  if (which && which !== name) continue;
  const t0 = performance.now();
  const r = checkCluster({ space, liveness: convergenceInvariants }, { seed, numRuns: name in SAFE_SPACES ? 10 : 100 });
  console.log(`== ${name}: ${Math.round(performance.now() - t0)}ms failed=${r.failed} runs=${r.numRuns}`);
  if (r.report) {
    console.log(describeCase(r.report.fuzzCase), r.report.causes);
    console.log(r.report.lines.filter((l) => !l.startsWith('kubectl apply')).join(' | '));
    console.log(r.report.violations.map((v) => v.message).join('\n'));
  }
}
