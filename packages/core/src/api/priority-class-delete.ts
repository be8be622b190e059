/**
 * The PriorityClass storage's `Delete`: the system classes the API server bootstraps may not be
 * deleted (Forbidden, before the object is even looked up).
 * @see k/k pkg/registry/scheduling/priorityclass/storage/storage.go (REST.Delete)
 */
import { SYSTEM_PRIORITY_CLASSES } from './defaults/scheduling.js';
import { errors } from './errors.js';
import type { DeleteGuard } from './server.js';

/** Why a system PriorityClass stays. */
export const SYSTEM_PRIORITY_CLASS_UNDELETABLE = 'this is a system priority class and cannot be deleted';

/** Throws Forbidden when `name` is a system PriorityClass. */
export const refuseSystemPriorityClassDelete: DeleteGuard = (_namespace, name) => {
  if (SYSTEM_PRIORITY_CLASSES.some((c) => c.name === name)) {
    throw errors.forbidden('priorityclasses', 'scheduling.k8s.io', name, SYSTEM_PRIORITY_CLASS_UNDELETABLE);
  }
};
