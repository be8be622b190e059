import { CHAPTER_MANIFESTS as m, createCluster } from 'kubesim';

const cluster = createCluster({
  seed: 2,
  zones: ['us-east-1a', 'us-east-1b'],
  nodes: [{ zone: 'us-east-1a', count: 2 }, { zone: 'us-east-1b', count: 1 }],
});

cluster.kubectl('apply -f -', { stdin: m['05-storageclass-general-purpose.yaml'] }); // gp2, default
cluster.kubectl('apply -f -', { stdin: m['03-pvc-randserver-data.yaml'] + '---\n' + m['04-randserver-pvc.yaml'] });
cluster.kubectl('rollout status deployment/randserver --timeout=5m');
console.log(cluster.kubectl('get pods -o wide').stdout);

cluster.kubectl('scale deployment/randserver --replicas=3');
cluster.advance('5m');
const stuck = cluster.list('Pod').filter((p) => !cluster.diagnose(p).healthy);
console.log(stuck.map((p) => cluster.diagnose(p).text)); // ContainerCreating ← volume … attached to …
console.log(cluster.aws('ec2 describe-volumes --query Volumes[].Attachments[].InstanceId').stdout);
console.log(cluster.fingerprint()); // same seed + same steps = same digest
