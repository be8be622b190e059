/**
 * Per-kind API behaviour: defaulting, validation on create and update, decode checks, and what an
 * update may not change. The API server looks strategies up by kind.
 * @see apiserver pkg/registry/rest (RESTCreateStrategy, RESTUpdateStrategy)
 */
import type { FieldError } from './errors.js';
import type { KubeObject } from './object.js';

/** A mutable plain copy of an object while the API server defaults and admits it. */
// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped JSON until validated
export type MutableObject = { apiVersion: string; kind: string; metadata: Record<string, any>; [key: string]: any };

/** Read access the strategies need (e.g. a PVC update looks at its StorageClass). */
export interface StrategyContext {
  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined;
}

/** What one kind does on create and update. Every hook is optional. */
export interface KindStrategy {
  /** Type checks done while decoding JSON into the Go type; returns a decode error text or undefined. */
  decode?(obj: MutableObject): string | undefined;
  /**
   * `PrepareForCreate`: resets fields the client may not set on create (e.g. a pod's status).
   * @param nowTs the request's time (RFC 3339), for conditions it adds
   */
  prepareForCreate?(obj: MutableObject, nowTs: string): void;
  /**
   * The object gets its `metadata.uid` before `prepareForCreate` (the Job strategy's generated
   * selector names it), as the API server's `FillObjectMetaSystemFields` does for every kind.
   */
  readonly uidBeforePrepare?: boolean;
  /**
   * `prepareForCreate` runs after mutating admission, as upstream's `BeforeCreate` does (a pod's
   * QoS class reads the resources LimitRanger sets); otherwise it runs before the defaults.
   */
  readonly prepareAfterAdmission?: boolean;
  /** Sets defaults in place (`SetDefaults_*`). */
  defaults?(obj: MutableObject): void;
  /** Create validation (`ValidateX`). */
  validate?(obj: MutableObject, ctx: StrategyContext): FieldError[];
  /** Update validation (`ValidateXUpdate`), including immutable fields. */
  validateUpdate?(obj: MutableObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** `PrepareForUpdate`: e.g. keep the old status when the main resource is written. */
  prepareForUpdate?(obj: MutableObject, old: KubeObject): void;
}

/** Strategies by kind. */
export class StrategyRegistry {
  private readonly byKind = new Map<string, KindStrategy>();

  /** Registers (or extends) a kind's strategy; later hooks run after earlier ones. */
  register(kind: string, strategy: KindStrategy): void {
    const prev = this.byKind.get(kind);
    this.byKind.set(kind, prev ? chain(prev, strategy) : strategy);
  }

  get(kind: string): KindStrategy {
    return this.byKind.get(kind) ?? {};
  }
}

function chain(a: KindStrategy, b: KindStrategy): KindStrategy {
  return {
    decode: (o) => a.decode?.(o) ?? b.decode?.(o),
    uidBeforePrepare: a.uidBeforePrepare || b.uidBeforePrepare,
    prepareAfterAdmission: a.prepareAfterAdmission || b.prepareAfterAdmission,
    prepareForCreate: (o, now) => {
      a.prepareForCreate?.(o, now);
      b.prepareForCreate?.(o, now);
    },
    defaults: (o) => {
      a.defaults?.(o);
      b.defaults?.(o);
    },
    validate: (o, c) => [...(a.validate?.(o, c) ?? []), ...(b.validate?.(o, c) ?? [])],
    validateUpdate: (o, old, c) => [...(a.validateUpdate?.(o, old, c) ?? []), ...(b.validateUpdate?.(o, old, c) ?? [])],
    prepareForUpdate: (o, old) => {
      a.prepareForUpdate?.(o, old);
      b.prepareForUpdate?.(o, old);
    },
  };
}
