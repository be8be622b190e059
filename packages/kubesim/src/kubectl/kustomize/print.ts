/**
 * What `kubectl kustomize` prints: each resource as sigs.k8s.io/yaml writes it (keys sorted,
 * lists flush with their key, the resource marshalled to JSON first), `---` between them.
 * @see kustomize api/resmap/reswrangler.go (AsYaml), api/resource/resource.go (AsYAML)
 */
import { toYaml } from '@kubesim/core';
import type { Res } from './resource.js';

/** `ResMap.AsYaml`. */
export function resourcesYaml(resources: readonly Res[]): string {
  return resources.map((r) => toYaml(r.obj)).join('---\n');
}
