import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.js';
import { POD_EVALUATOR, PVC_EVALUATOR, SERVICE_EVALUATOR, objectCountEvaluator } from './evaluators.js';
import { add, lessThanOrEqual, prettyPrint, subtractNonNegative, toObject } from './resource-list.js';
import { parseQuantity } from '../api/quantity.js';

const parse = () => 0;
const pod = (spec: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec, ...extra }) as KubeObject;
const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string) => ({
  name,
  image: 'x',
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
  ...(restartPolicy ? { restartPolicy } : {}),
});

describe('quota evaluators', () => {
  it('pod usage: containers summed, at least the largest init container, sidecars added, plus overhead', () => {
    const p = pod({
      containers: [c('a', { cpu: '100m', memory: '64Mi' }, { cpu: '200m' }), c('b', { cpu: '100m' })],
      initContainers: [c('init', { cpu: '500m' }), c('side', { memory: '32Mi' }, undefined, 'Always')],
      overhead: { cpu: '10m' },
    });
    expect(toObject(POD_EVALUATOR.usage(p, 0, parse))).toEqual({
      'count/pods': '1',
      cpu: '510m',
      'limits.cpu': '210m',
      memory: '96Mi',
      pods: '1',
      'requests.cpu': '510m',
      'requests.memory': '96Mi',
    });
  });

  it('a terminal pod, or one past twice its grace period, counts only as an object', () => {
    expect(toObject(POD_EVALUATOR.usage(pod({ containers: [c('a', { cpu: '1' })] }, { status: { phase: 'Succeeded' } } as Partial<KubeObject>), 0, parse))).toEqual({ 'count/pods': '1' });
    const deleting = pod({ containers: [c('a', { cpu: '1' })] }, { metadata: { name: 'p', namespace: 'default', deletionTimestamp: 'T', deletionGracePeriodSeconds: 30 } } as Partial<KubeObject>);
    expect(POD_EVALUATOR.usage(deleting, 30_000, () => 0).has('pods')).toBe(true);
    expect(POD_EVALUATOR.usage(deleting, 30_001, () => 0).has('pods')).toBe(false);
  });

  it.each([
    ['every container states it', [c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1' })], ['limits.cpu', 'requests.memory', 'pods'], undefined],
    ['one lacks the limit', [c('a', { cpu: '1' }, { cpu: '1' }), c('b', { cpu: '1' })], ['limits.cpu'], 'must specify limits.cpu'],
    ['sorted, comma-joined', [c('a')], ['requests.memory', 'cpu', 'limits.memory'], 'must specify cpu,limits.memory,requests.memory'],
    ['storage needs nothing stated', [c('a')], ['requests.ephemeral-storage', 'pods'], undefined],
  ])('constraints: %s', (_name, containers, required, want) => {
    expect(POD_EVALUATOR.constraints(required, pod({ containers }))).toBe(want);
  });

  it.each([
    ['Terminating', { activeDeadlineSeconds: 10 }, 'Exists', undefined, true],
    ['NotTerminating', { activeDeadlineSeconds: 10 }, 'Exists', undefined, false],
    ['BestEffort', {}, 'Exists', undefined, true],
    ['NotBestEffort', {}, 'Exists', undefined, false],
    ['PriorityClass', { priorityClassName: 'high' }, 'In', ['high', 'low'], true],
    ['PriorityClass', { priorityClassName: 'high' }, 'NotIn', ['high'], false],
    ['PriorityClass', {}, 'NotIn', ['high'], true],
    ['PriorityClass', {}, 'Exists', undefined, false],
    ['PriorityClass', { priorityClassName: 'x' }, 'DoesNotExist', undefined, false],
  ])('scope %s with %j %s %j → %s', (scopeName, spec, operator, values, want) => {
    expect(POD_EVALUATOR.matchesScope({ scopeName, operator, values }, pod({ containers: [c('a')], ...spec }))).toBe(want);
  });

  it('claims: storage rounded up to whole bytes, the larger of request and allocation, per class', () => {
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: 'gold', resources: { requests: { storage: '1.5' } } }, status: { allocatedResources: { storage: '2Gi' } } } as unknown as KubeObject;
    expect(toObject(PVC_EVALUATOR.usage(claim, 0, parse))).toEqual({
      'count/persistentvolumeclaims': '1',
      'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'gold.storageclass.storage.k8s.io/requests.storage': '2Gi',
      persistentvolumeclaims: '1',
      'requests.storage': '2Gi',
    });
    expect(PVC_EVALUATOR.matchingResources(['requests.storage', 'x.storageclass.storage.k8s.io/requests.storage', 'pods', 'count/persistentvolumeclaims'])).toEqual([
      'requests.storage',
      'x.storageclass.storage.k8s.io/requests.storage',
      'count/persistentvolumeclaims',
    ]);
  });

  it('services count node ports and load balancers; other kinds count as objects', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 443 }] } } as unknown as KubeObject;
    expect(toObject(SERVICE_EVALUATOR.usage(svc, 0, parse))).toEqual({ 'count/services': '1', services: '1', 'services.loadbalancers': '1', 'services.nodeports': '2' });
    const cm = objectCountEvaluator({ kind: 'ConfigMap', group: '', version: 'v1', resource: 'configmaps', singular: 'configmap', shortNames: [], namespaced: true });
    expect(cm.matchingResources(['configmaps', 'count/configmaps', 'secrets'])).toEqual(['configmaps', 'count/configmaps']);
    expect(cm.handles('UPDATE')).toBe(false);
    const deploy = objectCountEvaluator({ kind: 'Deployment', group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', shortNames: [], namespaced: true });
    expect(deploy.matchingResources(['count/deployments.apps', 'deployments'])).toEqual(['count/deployments.apps']);
  });

  it('resource lists: a sum keeps the left format unless zero; subtraction stops at zero; the refusal text', () => {
    const q = (s: string) => parseQuantity(s);
    const sum = add(new Map([['s', q('0')]]), new Map([['s', q('1Gi')]]));
    expect(toObject(add(sum, new Map([['s', q('512Mi')]])))).toEqual({ s: '1536Mi' });
    expect(toObject(subtractNonNegative(new Map([['s', q('1Gi')]]), new Map([['s', q('2Gi')]])))).toEqual({ s: '0' });
    expect(lessThanOrEqual(new Map([['a', q('2')], ['b', q('5')]]), new Map([['a', q('1')]]))).toEqual({ allowed: false, exceeded: ['a'] });
    expect(prettyPrint(new Map([['requests.storage', q('2Gi')], ['persistentvolumeclaims', q('1')]]))).toBe('persistentvolumeclaims=1,requests.storage=2Gi');
  });
});
