/**
 * The main job: the storage chapter of a Kubernetes-on-AWS book replayed end to end through
 * `kubectl` and `aws` command lines — the rejected first manifest, emptyDir, an EBS volume by ID,
 * a PVC with a StorageClass, the io1/st1/sc1 classes, the Deployment scaling deadlock, and the
 * StatefulSet with its DNS names, stable identity and kept claims. Prints a transcript that reads
 * like the book and records every step for the HTML report.
 */
import { type Cluster, createCluster } from '../cluster.js';
import { formatTranscriptStep, Session, type SessionStep } from '../cli/session.js';
import type { ReportModel } from '../report/model.js';
import { CHAPTER_MANIFESTS, type ChapterManifest } from './chapter-manifests.js';

/** Seed of the demo (any seed replays the same behaviour; names differ). */
export const DEMO_SEED = 2019;

/** What the walkthrough returns. */
export interface DemoResult {
  readonly cluster: Cluster;
  readonly session: Session;
  readonly transcript: string;
  readonly report: ReportModel;
  /** Named checkpoints: the step results the test asserts on. */
  readonly checkpoints: ReadonlyMap<string, SessionStep>;
}

/** Runs the walkthrough. `onStep` receives each transcript block as it happens. */
export function runDemo(options: { seed?: number; onStep?: (text: string) => void } = {}): DemoResult {
  // Two nodes in us-east-1a so that the scaled Deployment can land on a second node of the claim's zone.
  const cluster = createCluster({
    seed: options.seed ?? DEMO_SEED,
    nodes: [{ zone: 'us-east-1a', count: 2 }, { zone: 'us-east-1b' }, { zone: 'us-east-1c' }],
  });
  const session = new Session(cluster);
  const checkpoints = new Map<string, SessionStep>();
  const blocks: string[] = [];
  let section = '';
  const heading = (title: string) => {
    section = title;
    const text = `\n## ${title}\n`;
    blocks.push(text);
    options.onStep?.(text);
  };
  const run = (line: string, stdin?: string, checkpoint?: string): SessionStep => {
    session.run(line, { stdin, section });
    const step = session.steps[session.steps.length - 1];
    if (checkpoint) checkpoints.set(checkpoint, step);
    const text = formatTranscriptStep(step);
    blocks.push(text);
    options.onStep?.(text);
    return step;
  };
  const apply = (file: ChapterManifest, checkpoint?: string, text: string = CHAPTER_MANIFESTS[file]) =>
    run(`kubectl apply -f -`, text, checkpoint);

  heading('1. emptyDir');
  apply('01-randserver-emptydir.yaml', 'emptydir-invalid');
  run('kubectl get deployments', undefined, 'emptydir-nothing-created');
  apply('01b-randserver-emptydir-fixed.yaml', 'emptydir-created');
  run('kubectl rollout status deployment/randserver --timeout=5m', undefined, 'emptydir-rollout');
  run('kubectl get pods', undefined, 'emptydir-pods');
  run('kubectl port-forward deployment/randserver 3000:3000', undefined, 'emptydir-listing-1');
  run('kubectl delete pod -l app=randserver', undefined, 'emptydir-delete-pod');
  run('kubectl rollout status deployment/randserver --timeout=5m');
  run('kubectl get pods', undefined, 'emptydir-pods-2');
  run('kubectl port-forward deployment/randserver 3000:3000', undefined, 'emptydir-listing-2');
  run('kubectl delete deployment/randserver');

  heading('2. An EBS volume by ID');
  const created = run('aws ec2 create-volume --availability-zone=us-east-1a --size=5 --volume-type=gp2', undefined, 'ebs-create-volume');
  const volumeId = (JSON.parse(created.result.stdout || '{}') as { VolumeId?: string }).VolumeId ?? 'vol-missing';
  run('advance 10s');
  apply('02-randserver-ebs-inline.yaml', 'ebs-created', CHAPTER_MANIFESTS['02-randserver-ebs-inline.yaml'].replace('volumeID: VOLUME_ID', `volumeID: ${volumeId}`));
  run('kubectl rollout status deployment/randserver --timeout=5m');
  run('kubectl port-forward deployment/randserver 3000:3000', undefined, 'ebs-listing-1');
  for (const n of [2, 3]) {
    run('kubectl delete pod -l app=randserver');
    run('kubectl rollout status deployment/randserver --timeout=10m');
    run('advance 1m');
    run('kubectl port-forward deployment/randserver 3000:3000', undefined, `ebs-listing-${n}`);
  }
  run(`aws ec2 describe-volumes --volume-ids ${volumeId} --query Volumes[0].Attachments[0].State`, undefined, 'ebs-attached');
  run('kubectl delete deployment/randserver');
  run('advance 2m');
  run(`aws ec2 delete-volume --volume-id ${volumeId}`, undefined, 'ebs-delete-volume');

  heading('3. A PersistentVolumeClaim and a StorageClass');
  apply('03-pvc-randserver-data.yaml', 'pvc-created');
  run('advance 30s');
  run('kubectl get pvc', undefined, 'pvc-pending');
  run('kubectl describe pvc/randserver-data', undefined, 'pvc-pending-describe');
  apply('05-storageclass-general-purpose.yaml', 'sc-created');
  run('advance 1m');
  run('kubectl get pvc', undefined, 'pvc-bound');
  run('kubectl describe pvc/randserver-data', undefined, 'pvc-describe');
  run('kubectl get pv', undefined, 'pv-list');
  const pvName = cluster.get('PersistentVolumeClaim', 'randserver-data')?.spec as { volumeName?: string } | undefined;
  run(`kubectl describe pv/${pvName?.volumeName ?? 'missing'}`, undefined, 'pv-describe');
  apply('04-randserver-pvc.yaml', 'deployment-pvc');
  run('kubectl rollout status deployment/randserver --timeout=5m', undefined, 'deployment-pvc-rollout');
  run('kubectl get pods -o wide');

  heading('4. StorageClasses');
  apply('06-storageclasses-io1.yaml');
  apply('07-storageclass-throughput.yaml');
  apply('08-storageclass-cold-storage.yaml');
  run('kubectl get storageclass', undefined, 'storageclasses');

  heading('5. Scaling a Deployment with one ReadWriteOnce claim');
  run('kubectl scale deployment/randserver --replicas=3', undefined, 'scale-3');
  run('advance 5m');
  run('kubectl get pods -o wide', undefined, 'deadlock-pods');
  const stuck = cluster
    .list('Pod', { labelSelector: 'app=randserver' })
    .find((p) => (p.spec as { nodeName?: string }).nodeName && cluster.diagnose(p).causes.includes('multi-attach'));
  if (stuck) run(`kubectl describe pod/${stuck.metadata.name}`, undefined, 'deadlock-describe');
  run('advance 24h');
  run('kubectl get pods', undefined, 'deadlock-after-24h');
  run('kubectl delete deployment/randserver');
  run('kubectl delete pvc/randserver-data');
  run('advance 2m');

  heading('6. StatefulSets');
  apply('09-service-randserver-headless.yaml', 'service');
  apply('10-statefulset-randserver.yaml', 'statefulset');
  run('kubectl rollout status statefulset/randserver --timeout=10m', undefined, 'sts-rollout');
  run('kubectl get pods', undefined, 'sts-pods');
  run('kubectl get pvc', undefined, 'sts-pvc');
  run('kubectl exec randserver-0 -- nslookup randserver-1.randserver', undefined, 'sts-dns');
  run('kubectl delete pod/randserver-1', undefined, 'sts-delete-pod');
  run('kubectl wait --for=condition=Ready pod/randserver-1 --timeout=5m', undefined, 'sts-pod-back');
  run('kubectl get pods', undefined, 'sts-pods-after-delete');
  run('kubectl scale statefulset/randserver --replicas=1', undefined, 'sts-scale-1');
  run('advance 2m');
  run('kubectl get pods', undefined, 'sts-pods-scaled-down');
  run('kubectl get pvc', undefined, 'sts-pvc-kept');
  run('kubectl scale statefulset/randserver --replicas=3');
  run('kubectl rollout status statefulset/randserver --timeout=10m');
  run('kubectl get pvc', undefined, 'sts-pvc-reused');
  run('kubectl delete statefulset randserver', undefined, 'sts-delete');
  run('kubectl delete pvc -l app=randserver', undefined, 'sts-delete-pvc');
  run('advance 2m');
  run('kubectl get pvc,pv', undefined, 'cleanup');

  const report = session.report('kubesim — the storage chapter');
  return { cluster, session, transcript: blocks.join(''), report, checkpoints };
}
