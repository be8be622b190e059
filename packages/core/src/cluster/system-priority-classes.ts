/**
 * The `scheduling/bootstrap-system-priority-classes` post-start hook: the API server creates the
 * system PriorityClasses through its own API, so they are defaulted, validated and admitted like
 * any other (preemptionPolicy PreemptLowerPriority, generation 1).
 *
 * Design: the uids come from the hook's own RNG stream, not the API server's, so adding the classes
 * shifts no later uid or generated name.
 * @see k/k pkg/registry/scheduling/rest/storage_scheduling.go (AddSystemPriorityClasses)
 */
import { apiVersionOf, type KindRegistry } from '../api/kinds.js';
import { SYSTEM_PRIORITY_CLASSES } from '../api/defaults/scheduling.js';
import type { KubeObject } from '../api/object.js';
import type { ApiServer } from '../api/server.js';
import type { Rng } from '../sim/rng.js';

/** `PostStartHookName` of the scheduling API group. */
export const SYSTEM_PRIORITY_CLASSES_HOOK = 'scheduling/bootstrap-system-priority-classes';

/** Creates every system PriorityClass that does not exist yet, in `SystemPriorityClasses()` order. */
export function addSystemPriorityClasses(api: ApiServer, kinds: KindRegistry, rng: Rng): void {
  const info = kinds.get('PriorityClass');
  if (!info) return;
  for (const spc of SYSTEM_PRIORITY_CLASSES) {
    if (api.get('PriorityClass', undefined, spc.name)) continue;
    const manifest = { apiVersion: apiVersionOf(info), kind: info.kind, metadata: { name: spc.name }, value: spc.value, description: spc.description };
    const prepared = api.create<KubeObject>(manifest, { dryRun: true });
    api.store.create<KubeObject>({ ...prepared, metadata: { ...prepared.metadata, uid: rng.uuid() } });
  }
}
