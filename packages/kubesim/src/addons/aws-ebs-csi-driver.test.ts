import { describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS as m, createCluster } from '../index.js';

const REGISTRY = '602401143452.dkr.ecr.us-east-1.amazonaws.com';

describe('the aws-ebs-csi-driver add-on', () => {
  const c = createCluster({ seed: 3, addons: ['aws-ebs-csi-driver'] });
  const run = (line: string) => c.kubectl(line);
  const out = (line: string) => run(line).stdout;
  const nodes = out('get nodes -o jsonpath={.items[*].metadata.name}').split(' ').sort();
  /** Virtual time when createCluster handed the cluster over (every add-on pod ready). */
  const installedAt = c.now();

  it('runs two 6/6 controller replicas on different nodes and one 3/3 node pod per node, before the cluster is handed over', () => {
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    const rows = out('get pods -n kube-system -o wide --no-headers').trim().split('\n');
    const controllers = rows.filter((r) => r.startsWith('ebs-csi-controller-'));
    const nodePods = rows.filter((r) => r.startsWith('ebs-csi-node-'));
    expect(controllers).toHaveLength(2);
    expect(nodePods).toHaveLength(nodes.length);
    expect(controllers.length + nodePods.length).toBe(rows.length);
    for (const r of controllers) expect(r).toMatch(/^ebs-csi-controller-[0-9a-f]{9,10}-[0-9a-z]{5}\s+6\/6\s+Running\s+0\s/);
    for (const r of nodePods) expect(r).toMatch(/^ebs-csi-node-[0-9a-z]{5}\s+3\/3\s+Running\s+0\s/);
    // Both controller pods come from one ReplicaSet; the preferred anti-affinity spreads them over hosts.
    expect(new Set(controllers.map((r) => r.split(/\s+/)[0].replace(/-[0-9a-z]{5}$/, ''))).size).toBe(1);
    expect(new Set(controllers.map((r) => r.split(/\s+/)[6])).size).toBe(2);
    expect(nodePods.map((r) => r.split(/\s+/)[6]).sort()).toEqual(nodes);
  });

  it('lists the Deployment, the DaemonSet and the PodDisruptionBudget as kubectl does', () => {
    const n = nodes.length;
    const rows = out('get deploy,ds,pdb -n kube-system --no-headers').split('\n').filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^deployment\.apps\/ebs-csi-controller\s+2\/2\s+2\s+2\s+\S+$/);
    expect(rows[1]).toMatch(new RegExp(`^daemonset\\.apps/ebs-csi-node\\s+${n}\\s+${n}\\s+${n}\\s+${n}\\s+${n}\\s+kubernetes\\.io/os=linux\\s+\\S+$`));
    expect(rows[2]).toMatch(/^poddisruptionbudget\.policy\/ebs-csi-controller\s+N\/A\s+1\s+1\s+\S+$/);
    expect(out('get sa -n kube-system -o name').split('\n').filter(Boolean).sort()).toEqual([
      'serviceaccount/default',
      'serviceaccount/ebs-csi-controller-sa',
      'serviceaccount/ebs-csi-node-sa',
    ]);
  });

  it('runs the EKS registry images of release v1.56.0 under the container names of the driver', () => {
    const names = (kind: string) => out(`get ${kind} -n kube-system -o jsonpath={.spec.template.spec.containers[*].name}`).split(' ');
    const images = (kind: string) => out(`get ${kind} -n kube-system -o jsonpath={.spec.template.spec.containers[*].image}`).split(' ');
    expect(names('deploy/ebs-csi-controller')).toEqual(['ebs-plugin', 'csi-provisioner', 'csi-attacher', 'csi-snapshotter', 'csi-resizer', 'liveness-probe']);
    expect(images('deploy/ebs-csi-controller')).toEqual([
      `${REGISTRY}/eks/aws-ebs-csi-driver:v1.56.0`,
      `${REGISTRY}/eks/csi-provisioner:v6.2.0-eksbuild.2`,
      `${REGISTRY}/eks/csi-attacher:v4.11.0-eksbuild.3`,
      `${REGISTRY}/eks/csi-snapshotter:v8.5.0-eksbuild.3`,
      `${REGISTRY}/eks/csi-resizer:v2.1.0-eksbuild.3`,
      `${REGISTRY}/eks/livenessprobe:v2.18.0-eksbuild.3`,
    ]);
    expect(names('ds/ebs-csi-node')).toEqual(['ebs-plugin', 'node-driver-registrar', 'liveness-probe']);
    expect(images('ds/ebs-csi-node')).toEqual([
      `${REGISTRY}/eks/aws-ebs-csi-driver:v1.56.0`,
      `${REGISTRY}/eks/csi-node-driver-registrar:v2.16.0-eksbuild.3`,
      `${REGISTRY}/eks/livenessprobe:v2.18.0-eksbuild.3`,
    ]);
    // What the kubelet reports for a running pod, too.
    const pod = out('get pods -n kube-system -l app=ebs-csi-node -o name').split('\n')[0];
    expect(out(`get ${pod} -n kube-system -o jsonpath={.status.containerStatuses[*].name}`).split(' ').sort()).toEqual(['ebs-plugin', 'liveness-probe', 'node-driver-registrar']);
  });

  it('pulls from the EKS registry of the cluster region and tells the driver that region', () => {
    const af = createCluster({ seed: 3, region: 'af-south-1', addons: ['aws-ebs-csi-driver'] });
    const get = (path: string) => af.kubectl(`get deploy ebs-csi-controller -n kube-system -o jsonpath='${path}'`).stdout;
    expect(get('{.spec.template.spec.containers[0].image}')).toBe('877085696533.dkr.ecr.af-south-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.56.0');
    expect(get('{.spec.template.spec.containers[0].env[?(@.name=="AWS_REGION")].value}')).toBe('af-south-1');
    expect(af.kubectl('get pods -n kube-system --no-headers').stdout).not.toMatch(/\s0\/|ImagePull|ErrImage/);
  });

  it('passes the driver and sidecars their real arguments and environment', () => {
    const ctl = (path: string) => out(`get deploy ebs-csi-controller -n kube-system -o jsonpath='${path}'`);
    const node = (path: string) => out(`get ds ebs-csi-node -n kube-system -o jsonpath='${path}'`);
    expect(ctl('{.spec.template.spec.containers[0].args}')).toBe(
      '["controller","--endpoint=$(CSI_ENDPOINT)","--k8s-tag-cluster-id=kubesim","--batching=true","--logging-format=text","--user-agent-extra=eks","--v=2"]',
    );
    expect(ctl('{.spec.template.spec.containers[0].env[*].name}')).toBe(
      'CSI_ENDPOINT CSI_NODE_NAME AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_EC2_ENDPOINT AWS_SAGEMAKER_ENDPOINT AWS_REGION',
    );
    expect(ctl('{.spec.template.spec.containers[0].env[0].value}')).toBe('unix:///var/lib/csi/sockets/pluginproxy/csi.sock');
    expect(ctl('{.spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath}')).toBe('spec.nodeName');
    expect(ctl('{.spec.template.spec.containers[1].args}')).toContain('"--default-fstype=ext4"');
    expect(ctl('{.spec.template.spec.containers[1].args}')).toContain('"--feature-gates=Topology=true"');
    expect(ctl('{.spec.template.spec.containers[2].args}')).toContain('"--timeout=6m"');
    expect(ctl('{.spec.template.spec.containers[4].args}')).toContain('"--handle-volume-inuse-error=false"');
    expect(ctl('{.spec.template.spec.containers[5].args}')).toBe('["--csi-address=/csi/csi.sock","--probe-timeout=60s"]');
    expect(ctl('{.spec.template.spec.priorityClassName} {.spec.template.spec.serviceAccountName} {.spec.template.spec.securityContext.runAsUser}')).toBe(
      'system-cluster-critical ebs-csi-controller-sa 1000',
    );
    expect(ctl('{.spec.template.spec.tolerations}')).toBe('[{"key":"CriticalAddonsOnly","operator":"Exists"},{"effect":"NoExecute","operator":"Exists","tolerationSeconds":300}]');
    expect(ctl('{.spec.template.spec.containers[0].livenessProbe.httpGet.port} {.spec.template.spec.containers[0].ports[0].containerPort}')).toBe('healthz 9808');

    expect(node('{.spec.template.spec.containers[0].args}')).toBe(
      '["node","--endpoint=$(CSI_ENDPOINT)","--csi-mount-point-prefix=/var/lib/kubelet/plugins/kubernetes.io/csi/ebs.csi.aws.com/","--logging-format=text","--v=2"]',
    );
    expect(node('{.spec.template.spec.containers[0].env[0].value}')).toBe('unix:/csi/csi.sock');
    expect(node('{.spec.template.spec.containers[0].securityContext.privileged}')).toBe('true');
    expect(node('{.spec.template.spec.containers[1].env[?(@.name=="DRIVER_REG_SOCK_PATH")].value}')).toBe('/var/lib/kubelet/plugins/ebs.csi.aws.com/csi.sock');
    expect(node('{.spec.template.spec.priorityClassName} {.spec.template.spec.tolerations}')).toBe('system-node-critical [{"operator":"Exists"}]');
    expect(node('{.spec.updateStrategy}')).toBe('{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"10%"},"type":"RollingUpdate"}');
    expect(node('{range .spec.template.spec.volumes[*]}{.name}={.hostPath.path}({.hostPath.type}) {end}')).toBe(
      'kubelet-dir=/var/lib/kubelet(Directory) plugin-dir=/var/lib/kubelet/plugins/ebs.csi.aws.com/(DirectoryOrCreate) registration-dir=/var/lib/kubelet/plugins_registry/(Directory) device-dir=/dev(Directory) probe-dir=() ',
    );
  });

  it('answers the probes: livenessprobe on :9808, the registrar on :9809 and with its kubelet-registration-probe mode', () => {
    const ctlPod = c.list('Pod', { namespace: 'kube-system', labelSelector: 'app=ebs-csi-controller' })[0];
    const nodePod = c.list('Pod', { namespace: 'kube-system', labelSelector: 'app=ebs-csi-node' })[0];
    expect(c.http(ctlPod, 9808, '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect(c.http(nodePod, 9808, '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect(c.http(nodePod, 9809, '/healthz')).toEqual({ status: 200, body: 'ok' });
    const name = nodePod.metadata.name;
    const probe = run(
      `exec -n kube-system ${name} -c node-driver-registrar -- /csi-node-driver-registrar --kubelet-registration-path=/var/lib/kubelet/plugins/ebs.csi.aws.com/csi.sock --mode=kubelet-registration-probe`,
    );
    expect(probe.exitCode).toBe(0);
    expect(run(`exec -n kube-system ${name} -c node-driver-registrar -- /csi-node-driver-registrar --mode=kubelet-registration-probe`).exitCode).toBe(1);
  });

  it('stays healthy: no failed probe and no restart in the five minutes after install', () => {
    const unhealthy = () => c.events({ reason: 'Unhealthy', namespace: 'kube-system' });
    const before = JSON.stringify(unhealthy());
    c.advance('5m');
    expect(c.now()).toBeGreaterThanOrEqual(installedAt + 5 * 60_000);
    expect(JSON.stringify(unhealthy())).toBe(before);
    expect(out('get events -n kube-system --field-selector reason=Unhealthy')).not.toContain('Liveness probe failed');
    expect(out('get events -n kube-system --field-selector reason=Killing')).toBe('');
    const rows = out('get pods -n kube-system --no-headers').trim().split('\n');
    expect(rows).toHaveLength(2 + nodes.length);
    for (const r of rows) expect(r).toMatch(/^\S+\s+(6\/6|3\/3)\s+Running\s+0\s/);
  });

  it('leaves dynamic provisioning as it was: the chapter claim binds when its pod uses it, and a gp3 class of ebs.csi.aws.com too', () => {
    expect(c.kubectl('apply -f -', { stdin: m['05-storageclass-general-purpose.yaml'] }).exitCode).toBe(0);
    expect(c.kubectl('apply -f -', { stdin: `${m['03-pvc-randserver-data.yaml']}---\n${m['04-randserver-pvc.yaml']}` }).exitCode).toBe(0);
    expect(run('rollout status deployment/randserver --timeout=5m').exitCode).toBe(0);
    expect(out('get pvc randserver-data --no-headers')).toMatch(/^randserver-data\s+Bound\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+general-purpose\s/);
    expect(out('get pods -l app=randserver --no-headers')).toMatch(/\s1\/1\s+Running\s/);

    const gp3 = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
parameters:
  type: gp3
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-gp3
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp3
  resources:
    requests:
      storage: 2Gi
`;
    expect(c.kubectl('apply -f -', { stdin: gp3 }).exitCode).toBe(0);
    c.advance('30s');
    expect(out('get pvc data-gp3 --no-headers')).toMatch(/^data-gp3\s+Pending\s/);
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: uses-gp3
spec:
  containers:
    - name: app
      image: busybox
      command: [sleep, '3600']
      volumeMounts: [{ name: data, mountPath: /data }]
  volumes:
    - name: data
      persistentVolumeClaim: { claimName: data-gp3 }
`;
    expect(c.kubectl('apply -f -', { stdin: pod }).exitCode).toBe(0);
    expect(run('wait --for=condition=Ready pod/uses-gp3 --timeout=5m').exitCode).toBe(0);
    expect(out('get pvc data-gp3 --no-headers')).toMatch(/^data-gp3\s+Bound\s+pvc-[0-9a-f-]{36}\s+2Gi\s+RWO\s+gp3\s/);
    const volume = out(`get pv -o jsonpath='{.items[?(@.spec.claimRef.name=="data-gp3")].spec.csi.volumeHandle}'`);
    expect(volume).toMatch(/^vol-[0-9a-f]{17}$/);
    expect(c.aws(`ec2 describe-volumes --volume-ids ${volume} --query Volumes[0].VolumeType --output text`).stdout.trim()).toBe('gp3');
  });

  it('is deterministic: the same seed installs the same pods', () => {
    const again = createCluster({ seed: 3, addons: ['aws-ebs-csi-driver'] });
    const names = (x: ReturnType<typeof createCluster>) => x.kubectl('get pods -n kube-system -o name').stdout;
    expect(names(again)).toBe(names(createCluster({ seed: 3, addons: ['aws-ebs-csi-driver'] })));
  });
});
