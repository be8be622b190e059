/**
 * The API server: create, update, apply, patch and delete with decoding, defaulting, admission
 * and validation in the real order, over the object store. Users (kubectl, the typed API) and
 * controllers that create objects go through it; status writes by controllers go to the store.
 *
 * Design: every call either writes exactly what it returns or throws a `StatusError` and writes
 * nothing. Graceful deletion (pods on a node) and finalizers set `deletionTimestamp`; the object
 * is removed when its grace period is over (grace 0) and no finalizer is left.
 * @see apiserver pkg/registry/generic/registry/store.go, pkg/endpoints/handlers
 */
import type { Draft } from 'immer';
import { kindHasGeneration, type ObjectStore } from '../store/store.js';
import { copyOwn, shareStructure } from '../store/structural-sharing.js';
import { bindPod } from './binding.js';
import { dropNonEphemeralContainerUpdates } from './ephemeral-containers.js';
import { type FieldError, errors, OBJECT_MODIFIED, StatusError } from './errors.js';
import { marshalGoJson } from './go-json.js';
import { applyJsonPatch, applyMergePatch, createThreeWayJsonMergePatch, deepEqual, type JsonPatchOp } from './merge-patch.js';
import { applyStrategicMergePatch, createThreeWayMergePatch, StrategicMergePatchError } from './strategic-merge-patch.js';
import { KIND_SCHEMAS } from './decode/kinds.js';
import type { KubeObject } from './object.js';
import type { KindInfo } from './kinds.js';
import type { MutableObject, StrategyContext, StrategyRegistry } from './strategy.js';
import { cloneData } from './clone.js';
import { type EvictOptions, evictPod } from './policy/eviction.js';
import { validatePodEphemeralContainersUpdate } from './validation/core.js';

/** Annotation `kubectl apply` keeps the last applied manifest in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** What `apply` did, in kubectl's words. */
export type ApplyAction = 'created' | 'configured' | 'unchanged';

/** `metav1.DeleteOptions` subset. */
export interface DeleteOptions {
  /** Seconds before the object is removed; 0 deletes immediately (with `force` for pods). */
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  readonly dryRun?: boolean;
}

/** Admission request attributes. */
export interface AdmissionAttributes {
  readonly operation: 'CREATE' | 'UPDATE';
  readonly kind: string;
  /** The object being written (mutable during `admit`). */
  readonly object: MutableObject;
  readonly old?: KubeObject;
  /** A dry run: plugins check but must not write anything. */
  readonly dryRun?: boolean;
}

/** An admission plugin: `admit` may mutate, `validate` may throw a StatusError. */
export interface AdmissionPlugin {
  readonly name: string;
  /** Runs after every other plugin, whenever it was registered (ResourceQuota, last of `AllOrderedPlugins`). */
  readonly last?: boolean;
  admit?(attrs: AdmissionAttributes, ctx: StrategyContext): void;
  validate?(attrs: AdmissionAttributes, ctx: StrategyContext): void;
}

/** Refuses a delete by throwing a StatusError (a storage's own `Delete`, e.g. system PriorityClasses). */
export type DeleteGuard = (namespace: string | undefined, name: string) => void;

/** Decides the grace period of a delete (`checkGracefulDelete`); undefined = not graceful. */
export type GracefulDeleteHook = (obj: KubeObject, requested: number | undefined) => number | undefined;

/** Kinds that have a `status` subresource: writing the main resource keeps the stored status. */
const STATUS_KINDS = new Set([
  'Pod',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Service',
  'Namespace',
  'VolumeAttachment',
  'PodDisruptionBudget',
  'ResourceQuota',
]);

/** The API server facade. */
export class ApiServer implements StrategyContext {
  private readonly admission: AdmissionPlugin[] = [];
  private readonly gracefulDelete = new Map<string, GracefulDeleteHook>();
  private readonly deleteGuards = new Map<string, DeleteGuard>();

  constructor(
    readonly store: ObjectStore,
    readonly strategies: StrategyRegistry,
  ) {}

  /** Adds an admission plugin; plugins run in registration order. */
  registerAdmission(plugin: AdmissionPlugin): void {
    this.admission.push(plugin);
    // Stable: the plugins that run last keep their order among themselves.
    this.admission.sort((a, b) => Number(a.last ?? false) - Number(b.last ?? false));
  }

  /** Sets the graceful-deletion rule of a kind (pods). */
  registerGracefulDelete(kind: string, hook: GracefulDeleteHook): void {
    this.gracefulDelete.set(kind, hook);
  }

  /** Sets the rule that refuses some deletes of a kind; it runs before the object is looked up. */
  registerDeleteGuard(kind: string, guard: DeleteGuard): void {
    this.deleteGuards.set(kind, guard);
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.store.get<T>(kind, namespace, name);
  }

  /** Like `get` but throws NotFound in the API server's words. */
  mustGet<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    const obj = this.get<T>(kind, namespace, name);
    if (!obj) throw this.notFound(kind, name);
    return obj;
  }

  /** The served kind of an object, or a BadRequest naming what is not served. */
  kindInfo(apiVersion: string, kind: string): KindInfo {
    const info = this.store.kinds.forManifest(apiVersion, kind);
    if (!info) {
      throw errors.badRequest(`no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`);
    }
    return info;
  }

  notFound(kind: string, name: string): StatusError {
    const info = this.store.kinds.get(kind);
    return errors.notFound(info?.resource ?? kind.toLowerCase(), info?.group ?? '', name);
  }

  /** Decodes, defaults, admits and validates a new object, then stores it. */
  create<T extends KubeObject = KubeObject>(input: KubeObject | MutableObject, options: { dryRun?: boolean } = {}): T {
    const obj = this.prepareCreate(input, options.dryRun);
    if (options.dryRun) {
      // A dry run answers with what the write would store: the registry's stamps (`BeforeCreate`)
      // but no uid or resourceVersion (a uid drawn here would shift every later one).
      obj.metadata.creationTimestamp ??= this.store.loop.clock.rfc3339();
      if (kindHasGeneration(obj.kind, !!this.store.kinds.get(obj.kind)?.customResource)) obj.metadata.generation = 1;
      return obj as unknown as T;
    }
    return this.store.create(obj as unknown as T);
  }

  private prepareCreate(input: KubeObject | MutableObject, dryRun = false): MutableObject {
    const info = this.kindInfo(input.apiVersion, input.kind);
    const obj = cloneData(input) as MutableObject;
    obj.metadata = obj.metadata ?? {};
    this.decode(info, obj);
    if (info.namespaced) {
      obj.metadata.namespace = obj.metadata.namespace || 'default';
      if (info.kind !== 'Namespace' && !this.store.get('Namespace', undefined, obj.metadata.namespace)) {
        throw errors.notFound('namespaces', '', obj.metadata.namespace);
      }
    } else delete obj.metadata.namespace;
    for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation']) {
      delete obj.metadata[key];
    }
    const strategy = this.strategies.get(info.kind);
    if (strategy.uidBeforePrepare) obj.metadata.uid = this.store.newUid();
    // Most kinds are prepared before their defaults (a Job's generated selector labels reach its
    // own labels through SetDefaults_Job, as upstream's read-back defaulting does); a kind whose
    // preparation reads what mutating admission sets is prepared after admission, as upstream.
    if (!strategy.prepareAfterAdmission) strategy.prepareForCreate?.(obj, this.store.loop.clock.rfc3339());
    strategy.defaults?.(obj);
    const attrs: AdmissionAttributes = { operation: 'CREATE', kind: info.kind, object: obj, dryRun };
    for (const p of this.admission) p.admit?.(attrs, this);
    if (strategy.prepareAfterAdmission) strategy.prepareForCreate?.(obj, this.store.loop.clock.rfc3339());
    const name = obj.metadata.name ?? (obj.metadata.generateName ? `${obj.metadata.generateName}xxxxx` : '');
    const errs = strategy.validate?.(obj, this) ?? [];
    if (errs.length) throw errors.invalid(info.kind, info.group, name, errs);
    for (const p of this.admission) p.validate?.(attrs, this);
    if (obj.metadata.name && this.store.get(info.kind, obj.metadata.namespace, obj.metadata.name)) {
      throw errors.alreadyExists(info.resource, info.group, obj.metadata.name);
    }
    return obj;
  }

  private decode(info: KindInfo, obj: MutableObject): void {
    const problem = this.strategies.get(info.kind).decode?.(obj);
    if (problem) {
      throw errors.badRequest(`${info.kind} in version ${JSON.stringify(info.version)} cannot be handled as a ${info.kind}: ${problem}`);
    }
  }

  /**
   * Replaces an object with `input` (a full object). Keeps the stored status for kinds with a
   * status subresource, checks `resourceVersion` when given, validates the update.
   */
  update<T extends KubeObject = KubeObject>(input: KubeObject | MutableObject, options: { dryRun?: boolean } = {}): T {
    return this.updateFrom<T>(input, options, false);
  }

  /** `update`; `owned` says `input` is a private copy the update may change (patch, apply). */
  private updateFrom<T extends KubeObject>(input: KubeObject | MutableObject, options: { dryRun?: boolean }, owned: boolean): T {
    const info = this.kindInfo(input.apiVersion, input.kind);
    const namespace = info.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.store.get(info.kind, namespace, name);
    if (!old) throw errors.notFound(info.resource, info.group, name);
    const obj = this.prepareUpdate(info, input, old, owned, options.dryRun);
    if (options.dryRun) return dryRunUpdate(old, obj) as unknown as T;
    return this.commitUpdate(info, old, obj) as T;
  }

  private prepareUpdate(info: KindInfo, input: KubeObject | MutableObject, old: KubeObject, owned = false, dryRun = false): MutableObject {
    const obj = (owned ? input : cloneData(input)) as MutableObject;
    this.decode(info, obj);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw errors.conflict(
        info.resource,
        info.group,
        old.metadata.name ?? '',
        OBJECT_MODIFIED,
      );
    }
    // System-owned metadata stays as stored.
    obj.metadata = {
      ...obj.metadata,
      namespace: old.metadata.namespace,
      uid: old.metadata.uid,
      creationTimestamp: old.metadata.creationTimestamp,
      resourceVersion: old.metadata.resourceVersion,
      generation: old.metadata.generation,
      managedFields: old.metadata.managedFields,
      deletionTimestamp: old.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds,
    };
    if (!info.namespaced) delete obj.metadata.namespace;
    for (const key of Object.keys(obj.metadata)) if (obj.metadata[key] === undefined) delete obj.metadata[key];
    if (STATUS_KINDS.has(info.kind) || info.customResource?.statusSubresource) {
      if (old.status === undefined) delete obj.status;
      else obj.status = cloneData(old.status);
    }
    const strategy = this.strategies.get(info.kind);
    strategy.prepareForUpdate?.(obj, old);
    strategy.defaults?.(obj);
    const attrs: AdmissionAttributes = { operation: 'UPDATE', kind: info.kind, object: obj, old, dryRun };
    for (const p of this.admission) p.admit?.(attrs, this);
    const errs: FieldError[] = strategy.validateUpdate?.(obj, old, this) ?? strategy.validate?.(obj, this) ?? [];
    if (errs.length) throw errors.invalid(info.kind, info.group, old.metadata.name ?? '', errs);
    for (const p of this.admission) p.validate?.(attrs, this);
    return obj;
  }

  /** Stores a prepared update, sharing unchanged parts with the stored object; a no-op writes nothing. */
  private commitUpdate(info: KindInfo, old: KubeObject, obj: MutableObject): KubeObject {
    const next = this.store.replace(info.kind, old.metadata.namespace, old.metadata.name ?? '', obj as unknown as KubeObject);
    if (next !== old) this.finishDeletionIfDone(next);
    return next;
  }

  /**
   * `kubectl apply`: create when absent; otherwise a three-way merge of the last applied
   * configuration, the new manifest and the live object.
   */
  apply<T extends KubeObject = KubeObject>(
    input: KubeObject | MutableObject,
    options: { dryRun?: boolean } = {},
  ): { action: ApplyAction; object: T } {
    const info = this.kindInfo(input.apiVersion, input.kind);
    const manifest = cloneData(input) as MutableObject;
    manifest.metadata = manifest.metadata ?? {};
    const namespace = info.namespaced ? manifest.metadata.namespace || 'default' : undefined;
    if (info.namespaced) manifest.metadata.namespace = namespace;
    const name = manifest.metadata.name;
    if (!name) throw errors.badRequest('resource name may not be empty');
    const modified = lastAppliedConfiguration(manifest);
    const lastApplied = `${marshalGoJson(modified)}\n`;
    const live = this.store.get(info.kind, namespace, name);
    if (!live) {
      manifest.metadata.annotations = { ...manifest.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
      return { action: 'created', object: this.create<T>(manifest, options) };
    }
    const previous = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    const original = previous ? (JSON.parse(previous) as Record<string, unknown>) : {};
    // The modified side is the configuration as recorded (its `annotations` map kept even when empty).
    const merged = this.applyPatched(info.kind, original, modified as unknown as Record<string, unknown>, live);
    merged.metadata.annotations = { ...merged.metadata.annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
    delete merged.metadata.resourceVersion;
    const prepared = this.prepareUpdate(info, merged, live, true, options.dryRun);
    const shared = shareStructure(live, prepared) as KubeObject;
    if (shared === live) return { action: 'unchanged', object: live as T };
    if (options.dryRun) return { action: 'configured', object: dryRunUpdate(live, prepared) as unknown as T };
    return { action: 'configured', object: this.commitUpdate(info, live, shared as unknown as MutableObject) as T };
  }

  /**
   * `live` with the patch client-side `kubectl apply` sends applied (`patcher.buildMergePatch`): the
   * three-way strategic merge patch from the last applied configuration (`original`), the manifest
   * (`modified`) and `live` for kinds with Go types, the three-way JSON merge patch for the others.
   */
  private applyPatched(kind: string, original: Record<string, unknown>, modified: Record<string, unknown>, live: KubeObject): MutableObject {
    const schema = KIND_SCHEMAS[kind];
    const current = live as unknown as Record<string, unknown>;
    try {
      if (!schema) return applyMergePatch(cloneData(live), createThreeWayJsonMergePatch(original, modified, current) ?? {}) as MutableObject;
      const patch = createThreeWayMergePatch(original, modified, current, schema) ?? {};
      return applyStrategicMergePatch(cloneData(current), patch, schema) as MutableObject;
    } catch (e) {
      if (e instanceof StrategicMergePatchError) throw new StatusError('', e.message);
      throw e;
    }
  }

  /**
   * `kubectl patch`: a strategic merge patch (merging lists by their keys, as the kind's Go struct
   * tags say), a JSON merge patch or a JSON patch. With `dryRun`, validated like a write and
   * returned without being stored.
   */
  patch<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: 'merge' | 'strategic' | 'json' = 'strategic',
    options: { dryRun?: boolean } = {},
  ): T {
    const live = this.mustGet(kind, namespace, name);
    // The handler unmarshals the body first: a merge patch must be a JSON object, a JSON patch an array.
    const goType = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v);
    // JSON null unmarshals into an empty map: a patch that changes nothing.
    if (patch === null && type !== 'json') patch = {};
    if (type !== 'json' && (typeof patch !== 'object' || patch === null || Array.isArray(patch))) {
      throw errors.badRequest(`json: cannot unmarshal ${goType(patch)} into Go value of type map[string]interface {}`);
    }
    if (type === 'json' && !Array.isArray(patch)) throw errors.badRequest(`json: cannot unmarshal ${goType(patch)} into Go value of type jsonpatch.Patch`);
    const merged = this.patched(kind, live, patch, type);
    delete merged.metadata.resourceVersion;
    return this.updateFrom<T>(merged, options, true);
  }

  /**
   * `live` with `patch` applied: a strategic merge patch with the kind's struct tags (kinds
   * without a schema, the snapshot CRDs, merge it as a JSON merge patch), a JSON merge patch or a
   * JSON patch.
   */
  private patched(kind: string, live: KubeObject, patch: unknown, type: 'merge' | 'strategic' | 'json'): MutableObject {
    const schema = type === 'strategic' ? KIND_SCHEMAS[kind] : undefined;
    try {
      if (schema) return applyStrategicMergePatch(cloneData(live) as Record<string, unknown>, patch as Record<string, unknown>, schema) as MutableObject;
      return type === 'json' ? (applyJsonPatch(live, patch as JsonPatchOp[]) as MutableObject) : (applyMergePatch(cloneData(live), patch) as MutableObject);
    } catch (e) {
      // The patch handler returns strategicpatch's own errors as they are (a 500 without a reason).
      if (e instanceof StrategicMergePatchError) throw new StatusError('', e.message);
      throw errors.internal((e as Error).message);
    }
  }

  /**
   * The `pods/binding` subresource: `spec.nodeName` and PodScheduled=True. Throws NotFound, or
   * Conflict when the pod is already assigned or (given `uid`, the Binding's precondition) is not
   * that pod any more.
   */
  bind<T extends KubeObject = KubeObject>(namespace: string, name: string, nodeName: string, uid?: string): T {
    return bindPod(this.store, namespace, name, nodeName, this.store.loop.clock.rfc3339(), uid) as T;
  }

  /**
   * The `pods/eviction` subresource (policy/v1 Eviction): deletes the pod gracefully unless its
   * PodDisruptionBudget allows no disruption (429 TooManyRequests) or several budgets cover it.
   * @see evictPod
   */
  evict(namespace: string, name: string, options: EvictOptions = {}): void {
    evictPod(this, namespace, name, options);
  }

  /**
   * The `pods/ephemeralcontainers` subresource, patched (`kubectl debug` sends a strategic merge
   * patch): only the pod's ephemeral containers change; the pod is validated with
   * `ValidatePodEphemeralContainersUpdate`. Throws NotFound, Conflict or Invalid.
   */
  patchEphemeralContainers<T extends KubeObject = KubeObject>(
    namespace: string,
    name: string,
    patch: Record<string, unknown>,
    type: 'merge' | 'strategic' | 'json' = 'strategic',
  ): T {
    const merged = this.patched('Pod', this.mustGet('Pod', namespace, name), patch, type);
    delete merged.metadata.resourceVersion;
    return this.updateEphemeralContainers<T>(merged);
  }

  /** The `pods/ephemeralcontainers` subresource, updated with a whole pod (`UpdateEphemeralContainers`). */
  updateEphemeralContainers<T extends KubeObject = KubeObject>(input: KubeObject | MutableObject): T {
    const info = this.kindInfo('v1', 'Pod');
    const name = input.metadata?.name ?? '';
    const old = this.get(info.kind, input.metadata?.namespace || 'default', name);
    if (!old) throw errors.notFound(info.resource, info.group, name);
    const obj = dropNonEphemeralContainerUpdates(input as MutableObject, old);
    this.decode(info, obj);
    if (obj.metadata.resourceVersion !== old.metadata.resourceVersion) throw errors.conflict(info.resource, info.group, name, OBJECT_MODIFIED);
    this.strategies.get(info.kind).defaults?.(obj);
    const errs = validatePodEphemeralContainersUpdate(obj, old);
    if (errs.length) throw errors.invalid(info.kind, info.group, name, errs);
    return this.commitUpdate(info, old, obj) as T;
  }

  /**
   * The status subresource of a controller or the kubelet: replaces `.status`, sharing what did not
   * change with the stored object (no write when nothing did). Returns the stored object.
   */
  updateStatus<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, status: unknown): T {
    const old = this.mustGet<T>(kind, namespace, name);
    const next = this.store.replace<T>(kind, namespace, name, copyOwn(old, { status }));
    if (next !== old) this.finishDeletionIfDone(next);
    return next;
  }

  /** Writes with a recipe straight to the store (controllers' status updates), then finishes deletions. */
  updateWith<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, recipe: (draft: Draft<T>) => void): T {
    const next = this.store.update<T>(kind, namespace, name, recipe);
    this.finishDeletionIfDone(next);
    return next;
  }

  /**
   * Deletes an object: graceful for kinds that say so (pods on a node), deferred while finalizers
   * remain, immediate otherwise. Returns the object as it stands after the call.
   */
  delete<T extends KubeObject = KubeObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): T {
    this.deleteGuards.get(kind)?.(namespace, name);
    const live = this.mustGet<T>(kind, namespace, name);
    if (options.dryRun) return live;
    const grace = this.gracefulDelete.get(kind)?.(live, options.gracePeriodSeconds);
    const clock = this.store.loop.clock;
    const nowTs = clock.rfc3339();
    const policy = options.propagationPolicy ?? defaultPropagation(live);
    const extraFinalizer = policy === 'Orphan' ? 'orphan' : policy === 'Foreground' ? 'foregroundDeletion' : undefined;
    const finalizers = live.metadata.finalizers ?? [];
    if (grace !== undefined && grace > 0) {
      const deadline = clock.rfc3339(clock.now() + grace * 1000);
      const current = live.metadata.deletionTimestamp;
      // A second delete may only shorten the grace period.
      if (current && clock.parse(current) <= clock.now() + grace * 1000) return live;
      return this.store.update<T>(kind, namespace, name, (d) => {
        // rest.BeforeDelete bumps a set generation when it starts a graceful deletion (not when it
        // only shortens one).
        if (!current) bumpGeneration(d.metadata);
        d.metadata.deletionTimestamp = deadline;
        d.metadata.deletionGracePeriodSeconds = grace;
        if (extraFinalizer && !finalizers.includes(extraFinalizer)) d.metadata.finalizers = [...finalizers, extraFinalizer];
      });
    }
    if (finalizers.length > 0 || extraFinalizer) {
      return this.store.update<T>(kind, namespace, name, (d) => {
        // markAsDeleting: the first deletion of an object with a generation bumps it.
        if (!d.metadata.deletionTimestamp) bumpGeneration(d.metadata);
        d.metadata.deletionTimestamp = d.metadata.deletionTimestamp ?? nowTs;
        d.metadata.deletionGracePeriodSeconds = 0;
        if (extraFinalizer && !finalizers.includes(extraFinalizer)) d.metadata.finalizers = [...finalizers, extraFinalizer];
      });
    }
    this.store.remove(kind, namespace, name);
    return live;
  }

  /** Removes an object whose deletion is due: grace over and no finalizers left. */
  private finishDeletionIfDone(obj: KubeObject): void {
    const m = obj.metadata;
    if (m.deletionTimestamp && (m.finalizers?.length ?? 0) === 0 && (m.deletionGracePeriodSeconds ?? 0) === 0) {
      this.store.remove(obj.kind, m.namespace, m.name ?? '');
    }
  }
}

/** `metadata.generation + 1` when it is set (above 0), as deletion does. */
function bumpGeneration(m: { generation?: number }): void {
  if (m.generation !== undefined && m.generation > 0) m.generation += 1;
}

/** Dependents of a controller default to background deletion (apps/v1). */
function defaultPropagation(_obj: KubeObject): 'Background' {
  return 'Background';
}

/** A dry-run update's answer: the object the write would have stored, its generation bumped by a spec change. */
function dryRunUpdate(old: KubeObject, obj: MutableObject): MutableObject {
  if (old.metadata.generation !== undefined && !deepEqual(obj.spec, old.spec)) obj.metadata.generation = old.metadata.generation + 1;
  return obj;
}

/**
 * `GetModifiedConfiguration`: the manifest without the last-applied annotation but with its
 * annotations map kept (`"annotations":{}` when that was all). Recorded as `encoding/json` writes
 * the unstructured object (keys sorted, HTML-escaped, newline-terminated by the encoder).
 */
function lastAppliedConfiguration(manifest: MutableObject): MutableObject {
  const copy = withoutLastApplied(manifest);
  copy.metadata = { ...copy.metadata, annotations: copy.metadata?.annotations ?? {} };
  return copy;
}

function withoutLastApplied(obj: MutableObject): MutableObject {
  const copy = cloneData(obj);
  if (copy.metadata?.annotations) {
    delete copy.metadata.annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}



