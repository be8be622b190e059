/**
 * Validation of storage kinds: PersistentVolumeClaim, PersistentVolume and StorageClass on create
 * and update (immutable fields, expansion rules).
 * @see k/k pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaim*, ValidatePersistentVolume*),
 *      pkg/apis/storage/validation/validation.go (ValidateStorageClass*)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: storage specs are untyped JSON while being validated
import { field, type FieldError } from '../errors.js';
import { validateLabelSelector } from '../labels/label-selector.js';
import { deepEqual } from '../merge-patch.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../names.js';
import type { KubeObject } from '../object.js';
import { compareQuantities, formatQuantity, type Quantity, tryParseQuantity } from '../quantity.js';
import type { MutableObject } from '../strategy.js';
import { IS_NOT_POSITIVE, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { goLen } from '../names.js';
import { validateHostPathVolumeSource, VOLUME_SOURCES } from './pod-spec.js';
import { cloneData } from '../clone.js';

/** `supportedAccessModes` as `NotSupported` lists them (sorted). */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
const VOLUME_MODES = ['Block', 'Filesystem'];
/** Detail when ReadWriteOncePod is combined with other modes. */
export const RWOP_MIXED = 'may not use ReadWriteOncePod with other access modes';
/** Detail of a PVC spec change (1.29+ with VolumeAttributesClass); a diff follows on the next line. */
export const PVC_SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
/**
 * Detail when a claim's storage request shrinks to status.capacity or below (RecoverVolumeExpansionFailure,
 * on by default since 1.32: a request may come down to recover from a failed expansion, not further).
 */
export const PVC_SHRINK_FORBIDDEN = 'field can not be less than status.capacity';
/** `maxProvisionerParameterSize` (storage validation.go): 256 kB of keys and values. */
export const MAX_PROVISIONER_PARAMETER_SIZE = 256 * 1024;
/** `maxProvisionerParameterLen` (storage validation.go). */
export const MAX_PROVISIONER_PARAMETER_LEN = 512;

function validateAccessModes(modes: readonly string[] | undefined, path: string, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes || modes.length === 0) errs.push(field.required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const mode of modes ?? []) {
    if (!(ACCESS_MODES as readonly string[]).includes(mode)) errs.push(field.notSupported(path, mode, ACCESS_MODES));
    else if (mode === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(field.forbidden(path, RWOP_MIXED));
  return errs;
}

/** `ValidatePositiveQuantityValue` over a quantity string; parse failures are reported too. */
function validatePositiveQuantity(value: unknown, path: string): FieldError[] {
  const q = tryParseQuantity(String(value));
  if (typeof q === 'string') return [field.invalid(path, String(value), q)];
  return q.nanos <= 0n ? [field.invalid(path, formatQuantity(q), IS_NOT_POSITIVE)] : [];
}

function validateClassName(name: unknown, path: string): FieldError[] {
  if (typeof name !== 'string' || name === '') return [];
  return nameIsDNSSubdomain(name, false).map((msg) => field.invalid(path, name, msg));
}

/** `ValidatePersistentVolumeClaimSpec`. */
export function validatePersistentVolumeClaimSpec(spec: any, path: string): FieldError[] {
  const s = spec ?? {};
  const errs = validateAccessModes(s.accessModes, `${path}.accessModes`, 'at least 1 access mode is required');
  if (s.selector) errs.push(...validateLabelSelector(s.selector, `${path}.selector`));
  const storage = s.resources?.requests?.storage;
  if (storage === undefined || storage === null) errs.push(field.required(`${path}.resources[storage]`));
  else errs.push(...validatePositiveQuantity(storage, `${path}.resources[storage]`));
  errs.push(...validateClassName(s.storageClassName, `${path}.storageClassName`));
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode)) {
    errs.push(field.notSupported(`${path}.volumeMode`, s.volumeMode, VOLUME_MODES));
  }
  return errs;
}

/** `ValidatePersistentVolumeClaim`. */
export function validatePersistentVolumeClaim(obj: MutableObject): FieldError[] {
  return [...validateObjectMeta(obj, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(obj.spec, 'spec')];
}

function storageOf(spec: any): Quantity | undefined {
  const v = spec?.resources?.requests?.storage;
  const q = v === undefined ? undefined : tryParseQuantity(String(v));
  return typeof q === 'object' ? q : undefined;
}

/** A short `cmp.Diff`-style rendering of the fields that changed (`-` old, `+` new). */
export function specDiff(typeName: string, old: Record<string, unknown>, next: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const lines = [`  ${typeName}{`];
  let same = 0;
  for (const key of keys) {
    const goKey = key.charAt(0).toUpperCase() + key.slice(1);
    if (deepEqual(old[key], next[key])) {
      same++;
      continue;
    }
    if (old[key] !== undefined) lines.push(`- \t${goKey}: ${JSON.stringify(old[key])},`);
    if (next[key] !== undefined) lines.push(`+ \t${goKey}: ${JSON.stringify(next[key])},`);
  }
  if (same) lines.splice(1, 0, `  \t... // ${same} identical fields`);
  lines.push('  }');
  return lines.join('\n');
}

/** `ValidatePersistentVolumeClaimUpdate`: spec frozen except requests (bound) and a first volumeName. */
export function validatePersistentVolumeClaimUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj), ...validatePersistentVolumeClaimSpec(obj.spec, 'spec')];
  const oldSpec: any = cloneData(old.spec ?? {});
  const newSpec: any = cloneData(obj.spec ?? {});
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  if (oldSpec.storageClassName === undefined && newSpec.storageClassName !== undefined) {
    oldSpec.storageClassName = newSpec.storageClassName; // retroactive default class
  }
  if ((old.status as any)?.phase === 'Bound' && newSpec.resources?.requests) {
    newSpec.resources.requests.storage = oldSpec.resources?.requests?.storage;
  }
  for (const s of [oldSpec, newSpec]) for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  if (!deepEqual(newSpec, oldSpec)) {
    errs.push(field.forbidden('spec', `${PVC_SPEC_IMMUTABLE}\n${specDiff('core.PersistentVolumeClaimSpec', oldSpec, newSpec)}`));
  }
  const oldSize = storageOf(old.spec);
  const newSize = storageOf(obj.spec);
  if (oldSize && newSize && compareQuantities(newSize, oldSize) < 0) {
    // A missing status.capacity is Go's zero quantity.
    const capacity = storageOf({ resources: { requests: (old.status as { capacity?: unknown } | undefined)?.capacity } });
    if (!capacity || compareQuantities(newSize, capacity) <= 0) errs.push(field.forbidden('spec.resources.requests.storage', PVC_SHRINK_FORBIDDEN));
  }
  return errs;
}

/** Validates the one PV source kubesim cares about most (EBS in-tree and CSI). */
function validatePersistentVolumeSource(spec: any): FieldError[] {
  const present = VOLUME_SOURCES.filter((s) => spec[s] !== undefined && s !== 'persistentVolumeClaim' && s !== 'ephemeral');
  if (present.length === 0) return [field.required('spec', 'must specify a volume type')];
  const errs = present.slice(1).map((s) => field.forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
  const src = spec[present[0] as string] ?? {};
  if (present[0] === 'awsElasticBlockStore' && !src.volumeID) errs.push(field.required('spec.awsElasticBlockStore.volumeID'));
  if (present[0] === 'csi') {
    if (!src.driver) errs.push(field.required('spec.csi.driver'));
    if (!src.volumeHandle) errs.push(field.required('spec.csi.volumeHandle'));
  }
  if (present[0] === 'hostPath') errs.push(...validateHostPathVolumeSource(src, 'spec.hostPath'));
  return errs;
}

/** `ValidatePersistentVolume`. */
export function validatePersistentVolume(obj: MutableObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = validateObjectMeta(obj, false, nameIsDNSSubdomain);
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', ''));
  const capacity = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push(field.required('spec.capacity'));
  if (capacity.storage === undefined || Object.keys(capacity).length > 1) {
    errs.push(field.notSupported('spec.capacity', capacity, ['storage']));
  }
  for (const key of Object.keys(capacity).sort()) errs.push(...validatePositiveQuantity(capacity[key], `spec.capacity[${key}]`));
  errs.push(...validateClassName(spec.storageClassName, 'spec.storageClassName'));
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(field.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  }
  const reclaim = spec.persistentVolumeReclaimPolicy;
  if (!['Delete', 'Recycle', 'Retain'].includes(reclaim)) {
    errs.push(field.notSupported('spec.persistentVolumeReclaimPolicy', reclaim ?? '', ['Delete', 'Recycle', 'Retain']));
  }
  errs.push(...validatePersistentVolumeSource(spec));
  return errs;
}

/** `ValidatePersistentVolumeUpdate`: the volume source and volumeMode are immutable. */
export function validatePersistentVolumeUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = validatePersistentVolume(obj);
  const source = (spec: any) => Object.fromEntries(VOLUME_SOURCES.filter((s) => spec?.[s] !== undefined).map((s) => [s, spec[s]]));
  const oldSource = source(old.spec);
  const newSource = source(obj.spec);
  if (!deepEqual(oldSource, newSource)) {
    const diff = specDiff('core.PersistentVolumeSource', oldSource, newSource);
    errs.push(field.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diff}`));
  }
  errs.push(...validateImmutableField(obj.spec?.volumeMode, (old.spec as any)?.volumeMode, 'volumeMode'));
  return errs;
}

/** `ValidateStorageClass`. */
export function validateStorageClass(obj: MutableObject): FieldError[] {
  const errs = validateObjectMeta(obj, false, nameIsDNSSubdomain);
  const provisioner: unknown = obj.provisioner;
  if (typeof provisioner !== 'string' || provisioner === '') errs.push(field.required('provisioner'));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) errs.push(field.invalid('provisioner', provisioner, msg));
  const params: Record<string, string> = obj.parameters ?? {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PROVISIONER_PARAMETER_LEN) errs.push(field.tooMany('parameters', keys.length, MAX_PROVISIONER_PARAMETER_LEN));
  else {
    let total = 0;
    for (const k of keys) {
      if (k.length < 1) errs.push(field.invalid('parameters', k, 'field can not be empty.'));
      total += goLen(k) + goLen(String(params[k]));
    }
    if (total > MAX_PROVISIONER_PARAMETER_SIZE) errs.push(field.tooLong('parameters', '', MAX_PROVISIONER_PARAMETER_SIZE));
  }
  if (obj.reclaimPolicy && !['Delete', 'Retain'].includes(obj.reclaimPolicy)) {
    errs.push(field.notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (!obj.volumeBindingMode) errs.push(field.required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(obj.volumeBindingMode)) {
    errs.push(field.notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** `ValidateStorageClassUpdate`: only metadata and allowVolumeExpansion may change. */
export function validateStorageClassUpdate(obj: MutableObject, old: KubeObject): FieldError[] {
  const errs = validateStorageClass(obj);
  if (!deepEqual(obj.parameters ?? {}, old.parameters ?? {})) errs.push(field.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (obj.provisioner !== old.provisioner) errs.push(field.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((obj.reclaimPolicy ?? 'Delete') !== (old.reclaimPolicy ?? 'Delete')) {
    errs.push(field.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  }
  errs.push(...validateImmutableField(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

/** Parses a claim's storage request (undefined when absent or invalid). */
export function claimRequest(spec: unknown): Quantity | undefined {
  return storageOf(spec);
}

