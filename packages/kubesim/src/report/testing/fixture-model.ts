/**
 * A known report: the chapter's Deployment with one ReadWriteOnce claim scaled to 3 on a cluster
 * of 3 zones and 4 nodes. Two pods share the volume on the first node of us-east-1a; the pod on
 * the second node of us-east-1a waits in ContainerCreating behind a Multi-Attach error.
 */

import { tabwrite } from '../../kubectl/tabwriter.js';
import type { ClusterSnapshot, PodSnapshot, ReportModel, ReportStep, VolumeSnapshot } from '../model.js';
import { makeCluster, makeEvent, makeModel, makeNode, makePod, makeStep, makeVolume, makeZone } from './builders.js';

const PV = 'pvc-6f1c2d3e-8a9b-4c5d-9e0f-1a2b3c4d5e6f';
const VOLUME = 'vol-0f3a9c8b7d6e5f412';
const CLAIM = 'default/randserver-data';
const NODES = {
  a1: { name: 'ip-192-168-10-21.ec2.internal', id: 'i-0a1f2e3d4c5b6a701' },
  a2: { name: 'ip-192-168-13-144.ec2.internal', id: 'i-0b2e3f4a5c6d7e802' },
  b1: { name: 'ip-192-168-40-7.ec2.internal', id: 'i-0c3d4e5f6a7b8c903' },
  c1: { name: 'ip-192-168-70-99.ec2.internal', id: 'i-0d4e5f6a7b8c9da04' },
} as const;
const PODS = ['randserver-6d5b8f7c9d-4xkqz', 'randserver-6d5b8f7c9d-p7w2m', 'randserver-6d5b8f7c9d-zr9tn'] as const;
const MULTI_ATTACH = `Multi-Attach error for volume "${PV}" Volume is already used by pod(s) ${PODS[0]}, ${PODS[1]}`;

/** Names and indexes in {@link fixtureModel} that tests assert on. */
export const FIXTURE = {
  zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  nodes: [NODES.a1.name, NODES.a2.name, NODES.b1.name, NODES.c1.name],
  pods: PODS,
  stuckPod: PODS[2],
  stuckNode: NODES.a2.name,
  pvName: PV,
  volumeId: VOLUME,
  multiAttachMessage: MULTI_ATTACH,
  /** The step after which the third pod is stuck (`advance 2m`). */
  deadlockStep: 5,
  /** A step whose drawing has one Running pod and no problem. */
  runningStep: 3,
  stepCount: 7,
} as const;

type Placement = Partial<Record<keyof typeof NODES, readonly PodSnapshot[]>>;

function cluster(pods: Placement, volumes: readonly VolumeSnapshot[]): ClusterSnapshot {
  const node = (k: keyof typeof NODES) => makeNode(NODES[k].name, NODES[k].id, { pods: pods[k] ?? [] });
  return makeCluster(
    [makeZone('us-east-1a', [node('a1'), node('a2')]), makeZone('us-east-1b', [node('b1')]), makeZone('us-east-1c', [node('c1')])],
    volumes,
  );
}

function volume(state: string, attachment?: string, conflict?: boolean): VolumeSnapshot {
  return makeVolume(VOLUME, 'us-east-1a', {
    state,
    pvName: PV,
    claim: CLAIM,
    attachments: attachment ? [{ nodeName: NODES.a1.name, instanceId: NODES.a1.id, state: attachment }] : [],
    ...(conflict ? { conflict: { nodeName: NODES.a2.name, pods: [`default/${PODS[2]}`], message: MULTI_ATTACH } } : {}),
  });
}

const pod = (i: number, status: string, over: Partial<PodSnapshot> = {}) =>
  makePod(PODS[i], { status, ready: status === 'Running' ? '1/1' : '0/1', claims: ['randserver-data'], ...over });

const GET_PODS = tabwrite(
  [
    'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\tIP\tNODE\tNOMINATED NODE\tREADINESS GATES',
    `${PODS[0]}\t1/1\tRunning\t0\t2m37s\t192.168.11.4\t${NODES.a1.name}\t<none>\t<none>`,
    `${PODS[1]}\t1/1\tRunning\t0\t2m\t192.168.9.201\t${NODES.a1.name}\t<none>\t<none>`,
    `${PODS[2]}\t0/1\tContainerCreating\t0\t2m\t<none>\t${NODES.a2.name}\t<none>\t<none>`,
    '',
  ].join('\n'),
  3,
);

function steps(): ReportStep[] {
  const stuck = pod(2, 'ContainerCreating', { stuck: true, reason: MULTI_ATTACH });
  const deadlock = cluster({ a1: [pod(0, 'Running'), pod(1, 'Running')], a2: [stuck] }, [volume('in-use', 'attached', true)]);
  return [
    makeStep(0, 'kubectl apply -f 05-storageclass-general-purpose.yaml', cluster({}, []), {
      section: '3. PersistentVolumeClaim',
      output: 'storageclass.storage.k8s.io/general-purpose created\n',
    }),
    makeStep(1, 'kubectl apply -f 03-pvc-randserver-data.yaml', cluster({}, [volume('available')]), {
      atMs: 2000,
      output: 'persistentvolumeclaim/randserver-data created\n',
      events: [makeEvent('ProvisioningSucceeded', 'persistentvolumeclaim/randserver-data', `Successfully provisioned volume ${PV} using kubernetes.io/aws-ebs`, { atMs: 1500 })],
    }),
    makeStep(2, 'kubectl apply -f 04-randserver-pvc.yaml', cluster({ a1: [pod(0, 'ContainerCreating')] }, [volume('available', 'attaching')]), {
      atMs: 3000,
      output: 'deployment.apps/randserver created\n',
      events: [
        makeEvent('ScalingReplicaSet', 'deployment/randserver', 'Scaled up replica set randserver-6d5b8f7c9d from 0 to 1', { atMs: 3000 }),
        makeEvent('SuccessfulCreate', 'replicaset/randserver-6d5b8f7c9d', `Created pod: ${PODS[0]}`, { atMs: 3000 }),
        makeEvent('Scheduled', `pod/${PODS[0]}`, `Successfully assigned default/${PODS[0]} to ${NODES.a1.name}`, { atMs: 3000 }),
      ],
    }),
    makeStep(3, 'advance 30s', cluster({ a1: [pod(0, 'Running')] }, [volume('in-use', 'attached')]), {
      atMs: 33000,
      events: [
        makeEvent('SuccessfulAttachVolume', `pod/${PODS[0]}`, `AttachVolume.Attach succeeded for volume "${PV}"`, { atMs: 9000 }),
        makeEvent('Pulled', `pod/${PODS[0]}`, 'Container image "errm/randserver" already present on machine', { atMs: 10000 }),
        makeEvent('Started', `pod/${PODS[0]}`, 'Started container randserver', { atMs: 10500 }),
      ],
    }),
    makeStep(4, 'kubectl scale deployment/randserver --replicas=3', cluster({ a1: [pod(0, 'Running'), pod(1, 'ContainerCreating')], a2: [pod(2, 'ContainerCreating')] }, [volume('in-use', 'attached')]), {
      atMs: 40000,
      output: 'deployment.apps/randserver scaled\n',
      events: [
        makeEvent('ScalingReplicaSet', 'deployment/randserver', 'Scaled up replica set randserver-6d5b8f7c9d from 1 to 3', { atMs: 40000 }),
        makeEvent('Scheduled', `pod/${PODS[1]}`, `Successfully assigned default/${PODS[1]} to ${NODES.a1.name}`, { atMs: 40000 }),
        makeEvent('Scheduled', `pod/${PODS[2]}`, `Successfully assigned default/${PODS[2]} to ${NODES.a2.name}`, { atMs: 40000 }),
      ],
    }),
    makeStep(5, 'advance 2m', deadlock, {
      atMs: 160000,
      events: [
        makeEvent('FailedAttachVolume', `pod/${PODS[2]}`, MULTI_ATTACH, { type: 'Warning', atMs: 40100 }),
        makeEvent('Started', `pod/${PODS[1]}`, 'Started container randserver', { atMs: 41000 }),
      ],
    }),
    makeStep(6, 'kubectl get pods -o wide', deadlock, { atMs: 160000, output: GET_PODS }),
  ];
}

/** The fixture report (seed 42). */
export function fixtureModel(): ReportModel {
  return makeModel(steps(), { title: 'Deployment with one RWO claim scaled to 3', seed: 42, fingerprint: 'sha256:9f2c4e1a7b3d5f60' });
}
