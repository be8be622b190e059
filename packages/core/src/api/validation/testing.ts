/**
 * Fixture builders for the API machinery tests: minimal valid manifests of each built-in kind,
 * returned as fresh mutable copies so a test can break exactly one field.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: fixtures are untyped manifests
import type { MutableObject } from '../strategy.js';

const container = () => ({ name: 'app', image: 'nginx:1.25' });

/** A valid Deployment `name` selecting `app: <name>`. */
export function deploymentManifest(name = 'web'): MutableObject & { spec: any } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container()] } },
    },
  };
}

/** A valid ReplicaSet. */
export function replicaSetManifest(name = 'web-1'): MutableObject & { spec: any } {
  return { ...deploymentManifest(name), kind: 'ReplicaSet' };
}

/** A valid StatefulSet with one claim template `data`. */
export function statefulSetManifest(name = 'db'): MutableObject & { spec: any } {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ ...container(), volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

/** A valid Pod. */
export function podManifest(name = 'p'): MutableObject & { spec: any } {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [container()] } };
}

/** A valid PersistentVolumeClaim of `size`. */
export function claimManifest(name = 'data', size = '1Gi'): MutableObject & { spec: any } {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp2', resources: { requests: { storage: size } } },
  };
}

/** A valid EBS-backed PersistentVolume. */
export function volumeManifest(name = 'pv-1'): MutableObject & { spec: any } {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], awsElasticBlockStore: { volumeID: 'vol-0123', fsType: 'ext4' } },
  };
}

/** A valid StorageClass. */
export function storageClassManifest(name = 'gp2'): MutableObject {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp2' } };
}

/** A valid Service. */
export function serviceManifest(name = 'web'): MutableObject & { spec: any } {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
}

/** A valid PriorityClass of `value`. */
export function priorityClassManifest(name = 'high', value = 1000): MutableObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value };
}

/** A valid PodDisruptionBudget `minAvailable: 2` selecting `app: <name>`. */
export function podDisruptionBudgetManifest(name = 'web'): MutableObject & { spec: any } {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 2, selector: { matchLabels: { app: name } } } };
}
