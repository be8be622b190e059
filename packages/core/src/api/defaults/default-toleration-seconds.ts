/**
 * The DefaultTolerationSeconds admission plugin: every pod tolerates `not-ready` and
 * `unreachable` NoExecute taints for 300 s unless it already tolerates them.
 * @see k/k plugin/pkg/admission/defaulttolerationseconds/admission.go
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pods are untyped JSON during admission
import type { AdmissionPlugin } from '../server.js';

/** `--default-not-ready-toleration-seconds` / `--default-unreachable-toleration-seconds` default. */
export const DEFAULT_TOLERATION_SECONDS = 300;
/** Taint keys the plugin adds tolerations for (`v1.TaintNodeNotReady`, `v1.TaintNodeUnreachable`). */
export const DEFAULT_TOLERATION_KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'] as const;

/** Whether an existing toleration already covers `key` with effect NoExecute (or any effect). */
function tolerates(tolerations: readonly any[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
}

/** The admission plugin (mutating, pods on CREATE only). */
export const defaultTolerationSecondsPlugin: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(attrs) {
    if (attrs.kind !== 'Pod' || attrs.operation !== 'CREATE') return;
    attrs.object.spec ??= {};
    const spec: any = attrs.object.spec;
    const tolerations: any[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    for (const key of DEFAULT_TOLERATION_KEYS) {
      if (!tolerates(tolerations, key)) {
        tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
      }
    }
    spec.tolerations = tolerations;
  },
};
