/**
 * Validation of the snapshot kinds as the API server does it for their CRDs: the OpenAPI schema
 * (required fields, the DeletionPolicy enum) and the `x-kubernetes-validations` CEL rules
 * (exactly one source, immutable sources), with the CRDs' messages. A CEL rule failing on an
 * object reads `Invalid value: "object": <message>`, on a string `Invalid value: "string": …`.
 * @see external-snapshotter client/apis/volumesnapshot/v1/types.go (kubebuilder markers),
 *      apiextensions-apiserver pkg/apiserver/schema/cel/validation.go
 */
import { field, type FieldError, type KubeObject, type MutableObject, nameIsDNSSubdomain } from '@kubesim/core';

/** CEL rule messages of the CRDs (types.go `XValidation` markers). */
export const SNAPSHOT_RULE = {
  classNameNotEmpty: 'volumeSnapshotClassName must not be the empty string when set',
  pvcRequiredOnceSet: 'persistentVolumeClaimName is required once set',
  contentNameRequiredOnceSet: 'volumeSnapshotContentName is required once set',
  exactlyOneSource: 'exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
  pvcImmutable: 'persistentVolumeClaimName is immutable',
  contentNameImmutable: 'volumeSnapshotContentName is immutable',
  refNameAndNamespace: 'both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set',
  volumeHandleRequiredOnceSet: 'volumeHandle is required once set',
  snapshotHandleRequiredOnceSet: 'snapshotHandle is required once set',
  exactlyOneHandle: 'exactly one of volumeHandle and snapshotHandle must be set',
  volumeHandleImmutable: 'volumeHandle is immutable',
  snapshotHandleImmutable: 'snapshotHandle is immutable',
  sourceVolumeModeImmutable: 'sourceVolumeMode is immutable',
  sourceVolumeModeRequiredOnceSet: 'sourceVolumeMode is required once set',
} as const;

const DELETION_POLICIES = ['Delete', 'Retain'] as const;

type Obj = Record<string, unknown>;
const has = (o: Obj | undefined, key: string): boolean => o !== undefined && o[key] !== undefined && o[key] !== null;
const objectAt = (o: Obj | undefined, key: string): Obj | undefined => {
  const v = o?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
};

/** `metadata.name` as every custom resource's (a DNS-1123 subdomain). */
function validateName(obj: MutableObject): FieldError[] {
  const name: string = obj.metadata?.name ?? '';
  const generateName: string = obj.metadata?.generateName ?? '';
  if (!name) return generateName ? [] : [field.required('metadata.name', 'name or generateName is required')];
  return nameIsDNSSubdomain(name, false).map((msg) => field.invalid('metadata.name', name, msg));
}

function deletionPolicy(value: unknown, path: string): FieldError[] {
  if (value === undefined || value === null) return [field.required(path)];
  return (DELETION_POLICIES as readonly unknown[]).includes(value) ? [] : [field.notSupported(path, value, DELETION_POLICIES)];
}

/** Rule `exactly one of a, b` on an object, and each `x is required once set` against `old`. */
function oneOf(path: string, self: Obj, old: Obj | undefined, a: string, b: string, messages: readonly [string, string, string]): FieldError[] {
  const errs: FieldError[] = [];
  if (old && has(old, a) && !has(self, a)) errs.push(field.invalid(path, 'object', messages[0]));
  if (old && has(old, b) && !has(self, b)) errs.push(field.invalid(path, 'object', messages[1]));
  if (has(self, a) === has(self, b)) errs.push(field.invalid(path, 'object', messages[2]));
  return errs;
}

/** Rule `self == oldSelf` on a string field. */
function immutable(path: string, self: Obj, old: Obj | undefined, key: string, message: string): FieldError[] {
  return old && has(old, key) && has(self, key) && self[key] !== old[key] ? [field.invalid(`${path}.${key}`, 'string', message)] : [];
}

/** VolumeSnapshotClass: `driver` and `deletionPolicy` required, the policy one of Delete, Retain. */
export function validateVolumeSnapshotClass(obj: MutableObject): FieldError[] {
  const errs = validateName(obj);
  if (obj.driver === undefined || obj.driver === null) errs.push(field.required('driver'));
  errs.push(...deletionPolicy(obj.deletionPolicy, 'deletionPolicy'));
  return errs;
}

/** VolumeSnapshot: `spec.source` required, exactly one source, a non-empty class name; sources immutable. */
export function validateVolumeSnapshot(obj: MutableObject, old?: KubeObject): FieldError[] {
  const errs = old ? [] : validateName(obj);
  const spec = objectAt(obj, 'spec');
  if (!spec) return [...errs, field.required('spec')];
  const source = objectAt(spec, 'source');
  if (!source) return [...errs, field.required('spec.source')];
  const oldSource = objectAt(objectAt(old as Obj | undefined, 'spec'), 'source');
  errs.push(
    ...oneOf('spec.source', source, oldSource, 'persistentVolumeClaimName', 'volumeSnapshotContentName', [
      SNAPSHOT_RULE.pvcRequiredOnceSet,
      SNAPSHOT_RULE.contentNameRequiredOnceSet,
      SNAPSHOT_RULE.exactlyOneSource,
    ]),
    ...immutable('spec.source', source, oldSource, 'persistentVolumeClaimName', SNAPSHOT_RULE.pvcImmutable),
    ...immutable('spec.source', source, oldSource, 'volumeSnapshotContentName', SNAPSHOT_RULE.contentNameImmutable),
  );
  if (spec.volumeSnapshotClassName === '') errs.push(field.invalid('spec.volumeSnapshotClassName', 'string', SNAPSHOT_RULE.classNameNotEmpty));
  return errs;
}

/** VolumeSnapshotContent: ref name and namespace, policy, driver, exactly one handle; handles immutable. */
export function validateVolumeSnapshotContent(obj: MutableObject, old?: KubeObject): FieldError[] {
  const errs = old ? [] : validateName(obj);
  const spec = objectAt(obj, 'spec');
  if (!spec) return [...errs, field.required('spec')];
  const oldSpec = objectAt(old as Obj | undefined, 'spec');
  const ref = objectAt(spec, 'volumeSnapshotRef');
  const source = objectAt(spec, 'source');
  if (!ref) errs.push(field.required('spec.volumeSnapshotRef'));
  errs.push(...deletionPolicy(spec.deletionPolicy, 'spec.deletionPolicy'));
  if (spec.driver === undefined || spec.driver === null) errs.push(field.required('spec.driver'));
  if (!source) errs.push(field.required('spec.source'));
  if (oldSpec && has(oldSpec, 'sourceVolumeMode') && !has(spec, 'sourceVolumeMode')) {
    errs.push(field.invalid('spec', 'object', SNAPSHOT_RULE.sourceVolumeModeRequiredOnceSet));
  }
  if (oldSpec) errs.push(...immutable('spec', spec, oldSpec, 'sourceVolumeMode', SNAPSHOT_RULE.sourceVolumeModeImmutable));
  if (ref && (!has(ref, 'name') || !has(ref, 'namespace'))) errs.push(field.invalid('spec.volumeSnapshotRef', 'object', SNAPSHOT_RULE.refNameAndNamespace));
  if (source) {
    const oldSource = objectAt(oldSpec, 'source');
    errs.push(
      ...oneOf('spec.source', source, oldSource, 'volumeHandle', 'snapshotHandle', [
        SNAPSHOT_RULE.volumeHandleRequiredOnceSet,
        SNAPSHOT_RULE.snapshotHandleRequiredOnceSet,
        SNAPSHOT_RULE.exactlyOneHandle,
      ]),
      ...immutable('spec.source', source, oldSource, 'volumeHandle', SNAPSHOT_RULE.volumeHandleImmutable),
      ...immutable('spec.source', source, oldSource, 'snapshotHandle', SNAPSHOT_RULE.snapshotHandleImmutable),
    );
  }
  return errs;
}
