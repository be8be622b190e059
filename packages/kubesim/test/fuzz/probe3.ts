import { checkCluster, convergenceInvariants } from 'kubesim/testing';
const t0 = performance.now();
const r = checkCluster({ space: { workloadKinds: ['Deployment'], storage: 'always', provisioners: ['ebs.csi.aws.com'], operations: ['scale', 'advance'], pinZone: false }, liveness: convergenceInvariants }, { seed: 1, numRuns: 200 });
console.log(performance.now() - t0, r.failed, r.numRuns);
console.log(r.report?.text);
console.log(r.report?.reproduction.script);
console.log(r.report?.reproduction.scenario);
