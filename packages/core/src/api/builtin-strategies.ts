/**
 * Registers the API server behaviour of the built-in kinds: decode checks, defaults, create and
 * update validation; the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins, and the refusal
 * to delete a system PriorityClass.
 * @see k/k pkg/registry/<group>/<kind>/strategy.go
 */
import { priorityPlugin } from './admission/priority.js';
import { serviceAccountPlugin } from './admission/service-account.js';
import { decoderFor } from './decode/kinds.js';
import {
  defaultDaemonSet,
  defaultDeployment,
  defaultReplicaSet,
  defaultStatefulSet,
  prepareDaemonSetForCreate,
  prepareDaemonSetForUpdate,
} from './defaults/apps.js';
import { defaultCronJob, defaultJob, prepareCronJobForCreate, prepareJobForCreate } from './defaults/batch.js';
import { defaultNamespace, defaultNode, defaultSecret, defaultService } from './defaults/core.js';
import { defaultTolerationSecondsPlugin } from './defaults/default-toleration-seconds.js';
import { defaultPod, preparePodForCreate } from './defaults/pod-spec.js';
import { defaultPriorityClass } from './defaults/scheduling.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim, defaultStorageClass } from './defaults/storage.js';
import type { FieldError } from './errors.js';
import type { KubeObject } from './object.js';
import { refuseSystemPriorityClassDelete } from './priority-class-delete.js';
import type { ApiServer } from './server.js';
import { Rng } from '../sim/rng.js';
import { NAME_SUFFIX_ALPHABET } from '../store/store.js';
import type { KindStrategy, MutableObject, StrategyRegistry } from './strategy.js';
import {
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './validation/apps.js';
import {
  validateConfigMap,
  validateNamespace,
  validateNode,
  validatePod,
  validatePodUpdate,
  validateSecret,
  validateSecretUpdate,
  validateService,
  validateServiceUpdate,
} from './validation/core.js';
import { validateJob, validateJobUpdate } from './validation/batch.js';
import { validateCronJob, validateCronJobUpdate } from './validation/cron-job.js';
import { validateObjectMetaUpdate } from './validation/object-meta.js';
import { preparePodDisruptionBudgetForCreate } from './defaults/policy.js';
import { validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate } from './validation/policy.js';
import { validatePriorityClass, validatePriorityClassUpdate } from './validation/scheduling.js';
import { validateResourceQuota, validateResourceQuotaUpdate } from './validation/resource-quota.js';
import { resourceQuotaPlugin } from './admission/resource-quota.js';
import { limitRangerPlugin } from './admission/limit-ranger.js';
import { defaultLimitRange, validateLimitRange, validateLimitRangeUpdate } from './limits/limit-range.js';
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
} from './validation/storage.js';

type Validate = (obj: MutableObject) => FieldError[];
type ValidateUpdate = (obj: MutableObject, old: KubeObject) => FieldError[];

/** A strategy of decode + defaults + validation; update re-validates unless told otherwise. */
function strategy(kind: string, defaults: ((obj: MutableObject) => void) | undefined, validate: Validate, validateUpdate?: ValidateUpdate): KindStrategy {
  const decode = decoderFor(kind);
  return {
    ...(decode ? { decode: (obj: MutableObject) => decode(obj) } : {}),
    ...(defaults ? { defaults } : {}),
    validate: (obj) => validate(obj),
    validateUpdate: validateUpdate
      ? (obj, old) => validateUpdate(obj, old)
      : (obj) => [...validateObjectMetaUpdate(obj), ...validate(obj).filter((e) => !e.field.startsWith('metadata.'))],
  };
}

/** Strategies of the built-in kinds, by kind. */
export const BUILTIN_STRATEGIES: Readonly<Record<string, KindStrategy>> = {
  Namespace: strategy('Namespace', defaultNamespace, validateNamespace),
  Pod: { ...strategy('Pod', defaultPod, validatePod, validatePodUpdate), prepareForCreate: preparePodForCreate, prepareAfterAdmission: true },
  Service: strategy('Service', defaultService, validateService, validateServiceUpdate),
  ConfigMap: strategy('ConfigMap', undefined, validateConfigMap),
  Secret: strategy('Secret', defaultSecret, validateSecret, validateSecretUpdate),
  Node: strategy('Node', defaultNode, validateNode),
  PersistentVolumeClaim: strategy('PersistentVolumeClaim', defaultPersistentVolumeClaim, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate),
  PersistentVolume: strategy('PersistentVolume', defaultPersistentVolume, validatePersistentVolume, validatePersistentVolumeUpdate),
  StorageClass: strategy('StorageClass', defaultStorageClass, validateStorageClass, validateStorageClassUpdate),
  Deployment: strategy('Deployment', defaultDeployment, validateDeployment, validateDeploymentUpdate),
  ReplicaSet: strategy('ReplicaSet', defaultReplicaSet, validateReplicaSet, validateReplicaSetUpdate),
  StatefulSet: strategy('StatefulSet', defaultStatefulSet, validateStatefulSet, validateStatefulSetUpdate),
  DaemonSet: {
    ...strategy('DaemonSet', defaultDaemonSet, validateDaemonSet, validateDaemonSetUpdate),
    prepareForCreate: prepareDaemonSetForCreate,
    prepareForUpdate: prepareDaemonSetForUpdate,
  },
  Job: { ...strategy('Job', defaultJob, (o) => validateJob(o), validateJobUpdate), prepareForCreate: prepareJobForCreate, uidBeforePrepare: true },
  CronJob: { ...strategy('CronJob', defaultCronJob, validateCronJob, validateCronJobUpdate), prepareForCreate: prepareCronJobForCreate },
  PodDisruptionBudget: {
    ...strategy('PodDisruptionBudget', undefined, validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate),
    prepareForCreate: preparePodDisruptionBudgetForCreate,
  },
  PriorityClass: strategy('PriorityClass', defaultPriorityClass, validatePriorityClass, validatePriorityClassUpdate),
  LimitRange: strategy('LimitRange', defaultLimitRange, validateLimitRange, validateLimitRangeUpdate),
  ResourceQuota: {
    ...strategy('ResourceQuota', undefined, validateResourceQuota, validateResourceQuotaUpdate),
    // `resourcequotaStrategy.PrepareForCreate`: a new quota has no status (the controller writes it).
    prepareForCreate: (obj) => {
      delete obj.status;
    },
  },
  Event: {},
};

/** The namespace's objects of a kind by name (the admission plugins' listers); none, without a list, when the cluster has none. */
function sortedByName(store: ApiServer['store'], kind: string, namespace: string): KubeObject[] {
  if (store.count(kind) === 0) return [];
  return store.list(kind, namespace).sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
}

/** Label of the ServiceAccount plugin's RNG stream (the token volumes' name suffixes). */
export const SERVICE_ACCOUNT_ADMISSION_RNG = 'apiserver/admission/serviceaccount';

/**
 * Registers the built-in strategies (and, given the API server, the ServiceAccount, Priority and
 * DefaultTolerationSeconds admission plugins in the API server's plugin order
 * (`AllOrderedPlugins`), and the PriorityClass delete rule). Call once per cluster, before other
 * packages extend the strategies. `rng` is the cluster's root stream (default: seed 1).
 */
export function registerBuiltinStrategies(strategies: StrategyRegistry, api?: ApiServer, rng: Rng = new Rng(1)): void {
  for (const kind of Object.keys(BUILTIN_STRATEGIES).sort()) strategies.register(kind, BUILTIN_STRATEGIES[kind] as KindStrategy);
  if (!api) return;
  // `AllOrderedPlugins`: LimitRanger comes before ServiceAccount.
  api.registerAdmission(limitRangerPlugin({ limitRanges: (namespace) => sortedByName(api.store, 'LimitRange', namespace) }));
  const names = rng.fork(SERVICE_ACCOUNT_ADMISSION_RNG);
  api.registerAdmission(
    serviceAccountPlugin(
      {
        getServiceAccount: (namespace, name) => api.store.get('ServiceAccount', namespace, name),
        getNamespace: (name) => api.store.get('Namespace', undefined, name),
      },
      (base) => base + names.string(NAME_SUFFIX_ALPHABET, 5),
    ),
  );
  api.registerAdmission(
    priorityPlugin({
      get: (name) => api.store.get('PriorityClass', undefined, name),
      list: () => api.store.values('PriorityClass'),
    }),
  );
  api.registerAdmission(defaultTolerationSecondsPlugin);
  api.registerAdmission(
    resourceQuotaPlugin({
      kindInfo: (kind) => api.store.kinds.get(kind),
      // Most clusters have no quota: no list per write then.
      quotas: (namespace) => sortedByName(api.store, 'ResourceQuota', namespace),
      writeStatus: (quota, used) => {
        api.updateStatus('ResourceQuota', quota.metadata.namespace, quota.metadata.name ?? '', { ...(quota.status as object), used });
      },
      nowMs: () => api.store.loop.clock.now(),
      parseTime: (ts) => api.store.loop.clock.parse(ts),
    }),
  );
  api.registerDeleteGuard('PriorityClass', refuseSystemPriorityClassDelete);
}
