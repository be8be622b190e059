import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';

/** The error text of creating `obj` through the API, or '' when it is accepted (validation tests). */
export function createError(core: CoreCluster, obj: KubeObject): string {
  try {
    core.api.create(obj);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
