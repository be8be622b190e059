/**
 * The typed API beside the command lines: apply, get, list, delete on frozen snapshots. Kinds may
 * be named as kubectl accepts them (`Pod`, `pods`, `po`, `deployment.apps`).
 */
import {
  type ApplyAction,
  type CoreCluster,
  type DeleteOptions,
  type KindInfo,
  type KubeObject,
  type LabelSelector,
  labelSelectorAsSelector,
  parseManifests,
  parseSelector,
} from '@kubesim/core';

/** What `apply` did to one object. */
export interface ApplyResult {
  readonly action: ApplyAction;
  readonly object: KubeObject;
}

/** Options of `list`. */
export interface ListOptions {
  readonly namespace?: string;
  /** kubectl `-l` syntax (`app=web,tier in (a,b)`) or a LabelSelector object. */
  readonly labelSelector?: string | LabelSelector;
}

/** Typed access to the API server. */
export class TypedApi {
  constructor(
    /** The kernel (clock, loop, store, API server, recorder). */
    readonly core: CoreCluster,
  ) {}

  /** The served kind for a name kubectl accepts; throws kubectl's error for an unknown one. */
  protected kind(name: string): KindInfo {
    const info = this.core.kinds.resolve(name);
    if (!info) throw new Error(`the server doesn't have a resource type "${name}"`);
    return info;
  }

  /**
   * Applies objects like `kubectl apply` (create or three-way merge). Accepts one object, an
   * array, or YAML/JSON text with several documents. All documents are checked first; the valid
   * ones are applied in order and the first API error is thrown after them, as kubectl does.
   */
  apply(input: KubeObject | readonly KubeObject[] | string): ApplyResult[] {
    const objects = typeof input === 'string' ? parseManifests(input) : Array.isArray(input) ? input : [input as KubeObject];
    const results: ApplyResult[] = [];
    let firstError: unknown;
    for (const obj of objects) {
      try {
        results.push(this.core.api.apply(obj));
      } catch (e) {
        firstError ??= e;
      }
    }
    this.core.loop.settle();
    if (firstError) throw firstError;
    return results;
  }

  /** One object, or undefined. `namespace` defaults to `default` for namespaced kinds. */
  get<T extends KubeObject = KubeObject>(kind: string, name: string, namespace?: string): T | undefined {
    const info = this.kind(kind);
    return this.core.store.get<T>(info.kind, info.namespaced ? (namespace ?? 'default') : undefined, name);
  }

  /** Objects of a kind, sorted by namespace/name; all namespaces unless one is given. */
  list<T extends KubeObject = KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const info = this.kind(kind);
    const items = this.core.store.list<T>(info.kind, info.namespaced ? options.namespace : undefined);
    const sel = options.labelSelector;
    if (sel === undefined) return items;
    const selector = typeof sel === 'string' ? parseSelector(sel) : labelSelectorAsSelector(sel);
    return items.filter((o) => selector.matches(o.metadata.labels));
  }

  /** Deletes an object (graceful for pods on a node); returns it as it stands after the call. */
  delete(kind: string, name: string, namespace?: string, options: DeleteOptions = {}): KubeObject {
    const info = this.kind(kind);
    const out = this.core.api.delete(info.kind, info.namespaced ? (namespace ?? 'default') : undefined, name, options);
    this.core.loop.settle();
    return out;
  }
}
