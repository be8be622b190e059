/**
 * Validation shared by every kind: object metadata (name, namespace, labels, annotations,
 * finalizers), immutable fields and non-negative numbers, with apimachinery's texts.
 * @see apimachinery pkg/api/validation/objectmeta.go, generic.go; k/k pkg/apis/core/validation
 */
import { field, type FieldError } from '../errors.js';
import { validateLabels } from '../labels/label-selector.js';
import { deepEqual } from '../merge-patch.js';
import { goLen, isDNS1123Label, isQualifiedName, type ValidateNameFunc } from '../names.js';
import type { MutableObject } from '../strategy.js';

/** `ValidateImmutableField` detail. */
export const FIELD_IMMUTABLE = 'field is immutable';
/** `isNegativeErrorMsg`. */
export const IS_NEGATIVE = 'must be greater than or equal to 0';
/** `isNotPositiveErrorMsg`. */
export const IS_NOT_POSITIVE = 'must be greater than zero';
/** `TotalAnnotationSizeLimitB`: 256 KiB of annotation keys and values (objectmeta.go). */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

/** `ValidateNonnegativeField`. */
export function validateNonnegativeField(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [field.invalid(path, value, IS_NEGATIVE)] : [];
}

/** `ValidateImmutableField`: Invalid with the new value when it differs from the old one. */
export function validateImmutableField(next: unknown, old: unknown, path: string, render?: (v: unknown) => unknown): FieldError[] {
  return deepEqual(next ?? null, old ?? null) ? [] : [field.invalid(path, render ? render(next) : next, FIELD_IMMUTABLE)];
}

/** `ValidateDNS1123Label` as a field check. */
export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => field.invalid(path, value, msg));
}

/** `ValidateAnnotations`: keys are qualified names (case-insensitive), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Readonly<Record<string, unknown>> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const key of Object.keys(annotations ?? {}).sort()) {
    for (const msg of isQualifiedName(key.toLowerCase())) errs.push(field.invalid(path, key, msg));
    total += goLen(key) + goLen(String((annotations as Record<string, unknown>)[key] ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(field.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

/** `ValidateFinalizers`: qualified names, no duplicates. */
function validateFinalizers(finalizers: readonly string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(field.invalid(path, f, msg));
    if (seen.has(f)) errs.push(field.duplicate(path, f));
    seen.add(f);
  }
  return errs;
}

/**
 * `ValidateObjectMeta`: name (or generateName) by the kind's rule, namespace presence,
 * labels, annotations and finalizers.
 */
export function validateObjectMeta(
  obj: MutableObject,
  namespaced: boolean,
  nameFn: ValidateNameFunc,
  path = 'metadata',
): FieldError[] {
  const meta = obj.metadata ?? {};
  const errs: FieldError[] = [];
  const name: string = meta.name ?? '';
  const generateName: string = meta.generateName ?? '';
  if (generateName) {
    for (const msg of nameFn(generateName, true)) errs.push(field.invalid(`${path}.generateName`, generateName, msg));
  }
  if (!name) {
    // The store generates the name from generateName after validation.
    if (!generateName) errs.push(field.required(`${path}.name`, 'name or generateName is required'));
  } else {
    for (const msg of nameFn(name, false)) errs.push(field.invalid(`${path}.name`, name, msg));
  }
  const namespace: string = meta.namespace ?? '';
  if (namespaced) {
    if (!namespace) errs.push(field.required(`${path}.namespace`));
    else for (const msg of isDNS1123Label(namespace)) errs.push(field.invalid(`${path}.namespace`, namespace, msg));
  } else if (namespace) {
    errs.push(field.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

/** `ValidateObjectMetaUpdate`: labels and annotations (system fields are kept by the server). */
export function validateObjectMetaUpdate(obj: MutableObject, path = 'metadata'): FieldError[] {
  return [
    ...validateLabels(obj.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(obj.metadata?.annotations, `${path}.annotations`),
    ...validateFinalizers(obj.metadata?.finalizers, `${path}.finalizers`),
  ];
}

/** `IsValidPortNum` detail. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** `IsValidPortName` (IANA service name). */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** The `supportedPortProtocols` list as `NotSupported` prints it. */
export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
