/**
 * Renders a fuzz case into the manifests a user would apply: StorageClasses, the shared claims of
 * Deployments, Services for StatefulSets, and the workloads. Objects keep `apiVersion, kind,
 * metadata` first so the exported YAML reads like a hand-written file.
 */
import { stringify } from 'yaml';
import type { FuzzCase, StorageClassSpec, WorkloadSpec } from './fuzz-case.js';

/** A rendered manifest. */
export type Manifest = Readonly<Record<string, unknown>>;

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const IMAGE = 'errm/randserver';

/** Smallest claim size each EBS volume type accepts (EC2 CreateVolume size ranges); others take 1 GiB. */
const MIN_SIZE_GIB: Readonly<Record<string, number>> = { st1: 125, sc1: 125, io1: 4, io2: 4 };

/** The claim size a workload on a class of this type requests: the type's minimum. */
export function claimSizeGiB(type: string, provisioner: string): number {
  return provisioner === 'efs.csi.aws.com' ? 1 : (MIN_SIZE_GIB[type] ?? 1);
}

/** Claim name of a Deployment's shared claim. */
export function sharedClaimName(w: WorkloadSpec): string {
  return `${w.name}-data`;
}

/** Claim template names of a StatefulSet (`data`, `data1`, …). */
export function claimTemplateNames(w: WorkloadSpec): string[] {
  return Array.from({ length: w.storage ? w.claimsPerPod : 0 }, (_, i) => (i === 0 ? 'data' : `data${i}`));
}

/** EBS class parameters: provisioned-IOPS types get `iopsPerGB` (50 × the minimum 4 GiB clears the 100 IOPS floor). */
function ebsParameters(type: string): Record<string, string> {
  return type === 'io1' || type === 'io2' ? { type, iopsPerGB: '50' } : { type };
}

/** A StorageClass manifest. */
export function storageClassManifest(s: StorageClassSpec): Manifest {
  const isEfs = s.provisioner === 'efs.csi.aws.com';
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: s.name },
    provisioner: s.provisioner,
    parameters: isEfs ? { provisioningMode: 'efs-ap', fileSystemId: 'fs-0123456789abcdef0', directoryPerms: '700' } : ebsParameters(s.type),
    reclaimPolicy: s.reclaimPolicy,
    volumeBindingMode: s.bindingMode,
    ...(s.allowedZones.length ? { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE_LABEL, values: [...s.allowedZones] }] }] } : {}),
  };
}

function claimSpec(w: WorkloadSpec): Record<string, unknown> {
  return {
    accessModes: [w.storage?.accessMode ?? 'ReadWriteOnce'],
    storageClassName: w.storage?.className,
    resources: { requests: { storage: `${w.storage?.sizeGiB ?? 1}Gi` } },
  };
}

function podTemplate(w: WorkloadSpec, volumes: Record<string, unknown>[], mounts: string[]): Record<string, unknown> {
  return {
    metadata: { labels: { app: w.name } },
    spec: {
      ...(w.zone ? { nodeSelector: { [ZONE_LABEL]: w.zone } } : {}),
      containers: [
        {
          name: w.name,
          image: IMAGE,
          ...(mounts.length ? { volumeMounts: mounts.map((name, i) => ({ name, mountPath: i === 0 ? '/data' : `/data${i}` })) } : {}),
        },
      ],
      ...(volumes.length ? { volumes } : {}),
    },
  };
}

/** The manifests of one workload (claim or Service first, then the workload). */
export function workloadManifests(w: WorkloadSpec): Manifest[] {
  if (w.kind === 'Deployment') {
    const claim = w.storage ? sharedClaimName(w) : undefined;
    const out: Manifest[] = [];
    if (claim) out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim }, spec: claimSpec(w) });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: w.name },
      spec: {
        replicas: w.replicas,
        selector: { matchLabels: { app: w.name } },
        strategy: { type: w.strategy },
        template: podTemplate(w, claim ? [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] : [], claim ? ['data'] : []),
      },
    });
    return out;
  }
  const templates = claimTemplateNames(w);
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: w.name }, spec: { clusterIP: 'None', selector: { app: w.name }, ports: [{ name: 'web', port: 80, targetPort: 3000 }] } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: w.name },
      spec: {
        replicas: w.replicas,
        serviceName: w.name,
        podManagementPolicy: w.podManagementPolicy,
        selector: { matchLabels: { app: w.name } },
        template: podTemplate(w, [], templates),
        ...(templates.length ? { volumeClaimTemplates: templates.map((name) => ({ metadata: { name }, spec: claimSpec(w) })) } : {}),
      },
    },
  ];
}

/** Every manifest of a case, in apply order: StorageClasses, then each workload's objects. */
export function caseManifests(c: FuzzCase): Manifest[] {
  return [...c.storageClasses.map(storageClassManifest), ...c.workloads.flatMap(workloadManifests)];
}

/** Recently rendered documents by the manifest's JSON (fuzz cases repeat documents; JSON is far cheaper than YAML). */
const yamlCache = new Map<string, string>();
const MAX_CACHED_YAML = 1024;

function documentYaml(m: Manifest): string {
  const key = JSON.stringify(m);
  const hit = yamlCache.get(key);
  if (hit !== undefined) return hit;
  const text = stringify(m, { lineWidth: 0 });
  if (yamlCache.size >= MAX_CACHED_YAML) yamlCache.delete(yamlCache.keys().next().value as string);
  yamlCache.set(key, text);
  return text;
}

/** Manifests as one multi-document YAML text. */
export function toYaml(manifests: readonly Manifest[]): string {
  return manifests.map(documentYaml).join('---\n');
}
