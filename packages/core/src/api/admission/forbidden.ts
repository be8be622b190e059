/**
 * `admission.NewForbidden`: the Forbidden error an admission plugin returns, naming the object as
 * the API server knows it at admission time (before a generated name exists).
 * @see apiserver pkg/admission/errors.go (NewForbidden, extractResourceName)
 */
import { errors, type StatusError } from '../errors.js';
import type { AdmissionAttributes } from '../server.js';

/** Name used when the object carries neither a name nor a generateName (`extractResourceName`). */
export const UNKNOWN_RESOURCE_NAME = 'Unknown';

/**
 * `<resource>.<group> "<name>" is forbidden: <why>`, where the name is the object's name, else its
 * `generateName` prefix, else `Unknown`.
 */
export function admissionForbidden(attrs: AdmissionAttributes, resource: string, group: string, why: string): StatusError {
  const meta = (attrs.old?.metadata ?? attrs.object.metadata ?? {}) as { name?: string; generateName?: string };
  const name = meta.name || meta.generateName || UNKNOWN_RESOURCE_NAME;
  return errors.forbidden(resource, group, name, why);
}
