import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { makePod } from '../../controllers/testing/index.js';
import { isStatusError, type StatusError } from '../errors.js';
import { podDisruptionBudgetManifest } from '../validation/testing.js';
import type { PodDisruptionBudgetObject, PodDisruptionBudgetStatus } from './pod-disruption-budget.js';

const TOO_MANY = "Cannot evict pod as it would violate the pod's disruption budget.";

/** A cluster (no controllers) with Running pods web-0..2 (web-2 unready) and PDB `web` with `status`. */
function setup(status: Partial<PodDisruptionBudgetStatus>, spec: Record<string, unknown> = {}) {
  const core = new CoreCluster({ seed: 1 });
  for (const [i, ready] of [true, true, false].entries()) {
    const b = makePod().name(`web-${i}`).labels({ app: 'web' }).phase('Running');
    // Straight to the store: pods keep the status a kubelet would have written.
    core.store.create(ready ? b.ready().obj() : b.obj());
  }
  const pdb = podDisruptionBudgetManifest();
  Object.assign(pdb.spec, spec);
  core.api.create(pdb);
  core.api.updateStatus('PodDisruptionBudget', 'default', 'web', {
    observedGeneration: 1,
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 3,
    ...status,
  });
  return core;
}

function evictError(core: CoreCluster, name: string, options = {}): StatusError {
  try {
    core.api.evict('default', name, options);
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('eviction succeeded');
}

const pdbStatus = (core: CoreCluster) => core.store.get<PodDisruptionBudgetObject>('PodDisruptionBudget', 'default', 'web')?.status;
const pod = (core: CoreCluster, name: string) => core.store.get('Pod', 'default', name);

describe('pods/eviction (EvictionREST.Create)', () => {
  it('allowed: decrements disruptionsAllowed, records the pod, marks it DisruptionTarget and deletes it', () => {
    const core = setup({ disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 });
    core.loop.advance('7s');
    core.api.evict('default', 'web-0');
    expect(pod(core, 'web-0')).toBeUndefined();
    const s = pdbStatus(core);
    expect(s?.disruptionsAllowed).toBe(0);
    expect(s?.disruptedPods).toEqual({ 'web-0': '2026-01-01T00:00:07Z' });
    expect(s?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
  });

  it('refused: 429 TooManyRequests with the DisruptionBudget cause; nothing written', () => {
    const core = setup({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 });
    const rv = pod(core, 'web-0')?.metadata.resourceVersion;
    const err = evictError(core, 'web-0');
    expect(err.code).toBe(429);
    expect(err.reason).toBe('TooManyRequests');
    expect(err.message).toBe(TOO_MANY);
    expect(err.details.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 2 currently', field: '' }]);
    expect(pod(core, 'web-0')?.metadata.resourceVersion).toBe(rv);
  });

  it('refused while the controller has not observed the generation (retry after 10s)', () => {
    const core = setup({ disruptionsAllowed: 1, observedGeneration: 0 });
    const err = evictError(core, 'web-0');
    expect(err.toStatus()).toMatchObject({ code: 429, reason: 'TooManyRequests', message: TOO_MANY, details: { retryAfterSeconds: 10 } });
    expect(err.details.causes?.[0].message).toBe('The disruption budget web is still being processed by the server.');
  });

  it('more than one PDB: the 500 Status', () => {
    const core = setup({ disruptionsAllowed: 1 });
    core.api.create({ ...podDisruptionBudgetManifest(), metadata: { name: 'web-too' } });
    const err = evictError(core, 'web-0');
    expect([err.code, err.reason, err.message]).toEqual([500, '', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.']);
  });

  it('an unready pod goes without spending the budget while it is met (IfHealthyBudget)', () => {
    const core = setup({ disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 });
    core.api.evict('default', 'web-2');
    expect(pod(core, 'web-2')).toBeUndefined();
    expect(pdbStatus(core)?.disruptionsAllowed).toBe(0);
    expect(pdbStatus(core)?.disruptedPods).toBeUndefined();
  });

  it('an unready pod of a disrupted application is refused (IfHealthyBudget), allowed with AlwaysAllow', () => {
    const refused = setup({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 });
    expect(evictError(refused, 'web-2').reason).toBe('TooManyRequests');
    const allowed = setup({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 }, { unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    allowed.api.evict('default', 'web-2');
    expect(pod(allowed, 'web-2')).toBeUndefined();
  });

  it('Pending and terminating pods ignore the budget; an unknown pod is NotFound', () => {
    const core = setup({ disruptionsAllowed: 0 });
    core.store.create(makePod().name('web-p').labels({ app: 'web' }).phase('Pending').obj());
    core.api.evict('default', 'web-p');
    expect(pod(core, 'web-p')).toBeUndefined();
    expect(evictError(core, 'nope').message).toBe('pods "nope" not found');
  });

  it('dry run: checked but neither the PDB nor the pod changes', () => {
    const core = setup({ disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 });
    core.api.evict('default', 'web-0', { dryRun: true });
    expect(pod(core, 'web-0')?.metadata.deletionTimestamp).toBeUndefined();
    expect(pdbStatus(core)?.disruptionsAllowed).toBe(1);
  });
});
