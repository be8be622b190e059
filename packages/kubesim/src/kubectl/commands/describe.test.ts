import { tokenVolumeSource } from '@kubesim/core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CHAPTER_NODE,
  chapterStatefulSet,
  claimUid,
  type KubectlHarness,
  makeDeployment,
  makeHarness,
  makeReplicaSetFor,
  PodBuilder,
} from '../testing/index.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeHarness();
  chapterStatefulSet(h);
});

describe('kubectl describe pod', () => {
  it('full layout: tabwriter blocks, conditions with trailing spaces, tolerations, events', () => {
    const r = h.kubectl('describe pod randserver-1');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'Name:             randserver-1',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             ip-10-0-1-23.ec2.internal/10.0.1.23',
        'Start Time:       Thu, 01 Jan 2026 00:00:18 +0000',
        'Labels:           app=randserver',
        '                  apps.kubernetes.io/pod-index=1',
        '                  statefulset.kubernetes.io/pod-name=randserver-1',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.0.1.51',
        'IPs:',
        '  IP:           10.0.1.51',
        'Controlled By:  StatefulSet/randserver',
        'Containers:',
        '  randserver:',
        '    Container ID:   containerd://4f5e6d7c8b9a0f1e2d3c4b5a69788766554433221100ffeeddccbbaa99887766',
        '    Image:          errm/randserver',
        '    Image ID:       docker.io/errm/randserver@sha256:1b4ec8b6b8d1ff7e0e5b9d2b2c3f7e1d4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c',
        '    Port:           <none>',
        '    Host Port:      <none>',
        '    State:          Running',
        '      Started:      Thu, 01 Jan 2026 00:00:18 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /data from data (rw)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  data:',
        '    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:   data-randserver-1',
        '    ReadOnly:    false',
        'QoS Class:       BestEffort',
        'Node-Selectors:  <none>',
        'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age   From               Message',
        '  ----    ------     ----  ----               -------',
        '  Normal  Scheduled  21s   default-scheduler  Successfully assigned default/randserver-1 to ip-10-0-1-23.ec2.internal',
        '  Normal  Pulled     21s   kubelet            Container image "errm/randserver" already present on machine',
        '',
      ].join('\n'),
    );
  });

  it('a pod waiting for its volume: Pending, ContainerCreating, Warning events aggregated (x3 over …)', () => {
    const pod = h.put(new PodBuilder('randserver-79559c5fb6-htnxm').containerCreating('ip-10-0-2-45.ec2.internal', '10.0.2.45').pvc('randserver-data').obj());
    const msg = 'Multi-Attach error for volume "pvc-1" Volume is already used by pod(s) randserver-79559c5fb6-abcde';
    h.core.recorder.event(pod, 'Warning', 'FailedAttachVolume', msg, 'attachdetach-controller');
    h.core.loop.advance('2m');
    h.core.recorder.event(pod, 'Warning', 'FailedAttachVolume', msg, 'attachdetach-controller');
    h.core.loop.advance('2m');
    h.core.recorder.event(pod, 'Warning', 'FailedAttachVolume', msg, 'attachdetach-controller');
    h.core.loop.advance('7s');
    const out = h.kubectl('describe po randserver-79559c5fb6-htnxm').stdout;
    expect(out).toContain('Status:           Pending\n');
    expect(out).toContain('    State:          Waiting\n      Reason:       ContainerCreating\n    Ready:          False\n');
    expect(out).toContain('IP:               \nIPs:              <none>\n');
    expect(out).toContain(
      [
        'Events:',
        '  Type     Reason              Age                From                     Message',
        '  ----     ------              ----               ----                     -------',
        `  Warning  FailedAttachVolume  7s (x3 over 4m7s)  attachdetach-controller  ${msg}`,
        '',
      ].join('\n'),
    );
  });

  it('Terminating pods show the grace period; a deadline still ahead prints <invalid> as kubectl does', () => {
    h.put({ ...new PodBuilder('old').running(CHAPTER_NODE, '10.0.1.9').obj(), metadata: { name: 'old', namespace: 'default', deletionTimestamp: '2026-01-01T00:00:09Z', deletionGracePeriodSeconds: 30 } });
    expect(h.kubectl('describe pod old').stdout).toContain('Status:                    Terminating (lasts 30s)\nTermination Grace Period:  30s\n');
    h.put({ ...new PodBuilder('new').running(CHAPTER_NODE, '10.0.1.8').obj(), metadata: { name: 'new', namespace: 'default', deletionTimestamp: '2026-01-01T00:01:09Z', deletionGracePeriodSeconds: 30 } });
    expect(h.kubectl('describe pod new').stdout).toContain('Status:                    Terminating (lasts <invalid>)\n');
  });
});

describe('kubectl describe pod: projected and downward API volumes (kubectl 1.33 printProjectedVolumeSource)', () => {
  /** The Volumes block of `describe pod vols`. */
  function volumesBlock(): string {
    const out = h.kubectl('describe pod vols').stdout;
    return out.slice(out.indexOf('Volumes:'), out.indexOf('QoS Class:'));
  }

  it('kube-api-access: token expiry, the CA ConfigMap with Optional false, DownwardAPI true', () => {
    h.put(new PodBuilder('vols').running(CHAPTER_NODE, '10.0.1.7').volume({ name: 'kube-api-access-x7k2p', projected: tokenVolumeSource() }).obj());
    expect(volumesBlock()).toBe(
      [
        'Volumes:',
        '  kube-api-access-x7k2p:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    Optional:                false',
        '    DownwardAPI:             true',
        '',
      ].join('\n'),
    );
  });

  it('secret and configMap projections print their optional flag; a token without expiry shows the 3600 default', () => {
    const projected = {
      sources: [{ secret: { name: 'creds', optional: true } }, { configMap: { name: 'cfg', optional: true } }, { serviceAccountToken: { path: 't', audience: 'vault' } }],
    };
    h.put(new PodBuilder('vols').running(CHAPTER_NODE, '10.0.1.7').volume({ name: 'mixed', projected }).obj());
    expect(volumesBlock()).toBe(
      [
        'Volumes:',
        '  mixed:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    SecretName:              creds',
        '    Optional:                true',
        '    ConfigMapName:           cfg',
        '    Optional:                true',
        '    TokenExpirationSeconds:  3600',
        '',
      ].join('\n'),
    );
  });

  it('a downwardAPI volume lists its items as fieldPath/resource -> path', () => {
    const downwardAPI = {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'cpu_limit', resourceFieldRef: { containerName: 'randserver', resource: 'limits.cpu' } },
      ],
    };
    h.put(new PodBuilder('vols').running(CHAPTER_NODE, '10.0.1.7').volume({ name: 'podinfo', downwardAPI }).obj());
    expect(volumesBlock()).toBe(
      [
        'Volumes:',
        '  podinfo:',
        '    Type:  DownwardAPI (a volume populated by information about the pod)',
        '    Items:',
        '      metadata.labels -> labels',
        '      limits.cpu -> cpu_limit',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe pvc/pv (seed chapter §3)', () => {
  it('pvc: Bound, Volume pvc-…, Capacity 1Gi, Access Modes RWO, Used By', () => {
    expect(h.kubectl('describe pvc/data-randserver-0').stdout).toBe(
      [
        'Name:          data-randserver-0',
        'Namespace:     default',
        'StorageClass:  general-purpose',
        'Status:        Bound',
        `Volume:        pvc-${claimUid(0)}`,
        'Labels:        app=randserver',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        '               volume.beta.kubernetes.io/storage-provisioner: ebs.csi.aws.com',
        '               volume.kubernetes.io/storage-provisioner: ebs.csi.aws.com',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      1Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       randserver-0',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });

  it('pv: Claim default/…, Reclaim Policy Delete, AWSElasticBlockStore source with VolumeID aws://zone/vol-…', () => {
    expect(h.kubectl(`describe pv/pvc-${claimUid(0)}`).stdout).toBe(
      [
        `Name:              pvc-${claimUid(0)}`,
        'Labels:            topology.kubernetes.io/region=us-east-1',
        '                   topology.kubernetes.io/zone=us-east-1a',
        'Annotations:       kubernetes.io/createdby: aws-ebs-dynamic-provisioner',
        '                   pv.kubernetes.io/bound-by-controller: yes',
        '                   pv.kubernetes.io/provisioned-by: kubernetes.io/aws-ebs',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      general-purpose',
        'Status:            Bound',
        'Claim:             default/data-randserver-0',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          1Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        topology.kubernetes.io/zone in [us-east-1a]',
        '                   topology.kubernetes.io/region in [us-east-1]',
        'Message:           ',
        'Source:',
        '    Type:       AWSElasticBlockStore (a Persistent Disk resource in AWS)',
        '    VolumeID:   aws://us-east-1a/vol-0f1e2d3c4b5a69780',
        '    FSType:     ext4',
        '    Partition:  0',
        '    ReadOnly:   false',
        'Events:         <none>',
        '',
      ].join('\n'),
    );
  });

  it('several objects are separated by a blank line (kubectl prints "\\n\\n" between them)', () => {
    const out = h.kubectl('describe pvc').stdout;
    expect(out.split('Name:          data-randserver-').length).toBe(4);
    expect(out).toContain('Events:        <none>\n\n\nName:          data-randserver-1');
  });
});

describe('kubectl describe: workloads, classes, services, nodes', () => {
  it('deployment: replicas line, strategy, pod template, conditions, NewReplicaSet, aggregated events', () => {
    const d = h.put(makeDeployment('randserver', 1));
    h.put(makeReplicaSetFor(d, '79559c5fb6'));
    for (const step of ['2m', '3m', '10s']) {
      h.core.recorder.event(d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set randserver-79559c5fb6 from 0 to 1', 'deployment-controller');
      h.core.loop.advance(step);
    }
    const out = h.kubectl('describe deployment randserver').stdout;
    expect(out).toBe(
      [
        'Name:                   randserver',
        'Namespace:              default',
        'CreationTimestamp:      Thu, 01 Jan 2026 00:00:39 +0000',
        'Labels:                 <none>',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=randserver',
        'Replicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=randserver',
        '  Containers:',
        '   randserver:',
        '    Image:        errm/randserver',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:',
        '      /data from data (rw)',
        '  Volumes:',
        '   data:',
        "    Type:          EmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:        ',
        '    SizeLimit:     <unset>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   randserver-79559c5fb6 (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age                  From                   Message',
        '  ----    ------             ----                 ----                   -------',
        '  Normal  ScalingReplicaSet  10s (x3 over 5m10s)  deployment-controller  Scaled up replica set randserver-79559c5fb6 from 0 to 1',
        '',
      ].join('\n'),
    );
  });

  it('replicaset: Controlled By, replicas and pod status counts', () => {
    const d = h.put(makeDeployment('web', 1));
    h.put(makeReplicaSetFor(d, '5d8f7c9b4'));
    const out = h.kubectl('describe rs web-5d8f7c9b4').stdout;
    expect(out).toContain('Controlled By:  Deployment/web\nReplicas:       1 current / 1 desired\nPods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
  });

  it('statefulset: update strategy with partition, pods status, volume claim templates', () => {
    const out = h.kubectl('describe sts randserver').stdout;
    expect(out).toContain('Replicas:           3 desired | 3 total\nUpdate Strategy:    RollingUpdate\n  Partition:        0\nPods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n');
    expect(out).toContain('Volume Claims:\n  Name:          data\n  StorageClass:  general-purpose\n  Labels:        <none>\n  Annotations:   <none>\n  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\n');
  });

  it('storageclass: IsDefaultClass, parameters as k=v', () => {
    expect(h.kubectl('describe sc general-purpose').stdout).toBe(
      [
        'Name:                  general-purpose',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           kubernetes.io/aws-ebs',
        'Parameters:            type=gp2',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });

  it('service: headless IP None, port and target port', () => {
    const out = h.kubectl('describe svc randserver').stdout;
    expect(out).toContain('Type:                     ClusterIP\n');
    expect(out).toContain('IP:                       None\nIPs:                      None\nPort:                     web  80/TCP\nTargetPort:               3000/TCP\n');
  });

  it('node: roles, EKS labels, taints, conditions, system info, non-terminated pods', () => {
    const out = h.kubectl(`describe node ${CHAPTER_NODE}`).stdout;
    expect(out).toContain('Roles:              <none>\nLabels:             beta.kubernetes.io/arch=amd64\n');
    expect(out).toContain('                    failure-domain.beta.kubernetes.io/zone=us-east-1a\n');
    expect(out).toContain('Taints:             <none>\nUnschedulable:      false\n');
    expect(out).toContain('  Kubelet Version:            v1.33.0-eks-802817d\n');
    expect(out).toContain('Non-terminated Pods:          (3 in total)\n');
    expect(out).toContain('  default                     randserver-2    0 (0%)        0 (0%)      0 (0%)           0 (0%)         10s\n');
    expect(out).toContain(
      [
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests  Limits',
        '  --------           --------  ------',
        '  cpu                0 (0%)    0 (0%)',
        '  memory             0 (0%)    0 (0%)',
        '  ephemeral-storage  0 (0%)    0 (0%)',
        '',
      ].join('\n'),
    );
  });

  it('node: per-pod requests and limits as a share of allocatable', () => {
    const p = new PodBuilder('aws-node-x7k2p', 'kube-system').running(CHAPTER_NODE, '10.0.1.23').obj();
    h.put({ ...p, spec: { ...(p.spec as object), containers: [{ name: 'aws-node', image: 'amazon-k8s-cni', resources: { requests: { cpu: '25m', memory: '64Mi' }, limits: { memory: '128Mi' } } }] } });
    const out = h.kubectl(`describe node ${CHAPTER_NODE}`).stdout;
    expect(out).toContain('  kube-system                 aws-node-x7k2p    25m (1%)      0 (0%)      64Mi (0%)        128Mi (1%)     0s\n');
    expect(out).toContain('  cpu                25m (1%)   0 (0%)\n  memory             64Mi (0%)  128Mi (1%)\n');
  });

  it('prefix match: describe pods randserver describes all three', () => {
    const out = h.kubectl('describe pods randserver').stdout;
    expect(out.match(/^Name: {13}randserver-\d$/gm)).toEqual(['Name:             randserver-0', 'Name:             randserver-1', 'Name:             randserver-2']);
  });

  it('NotFound and unknown type', () => {
    expect(h.kubectl('describe pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect(h.kubectl('describe widgets x').stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });
});
