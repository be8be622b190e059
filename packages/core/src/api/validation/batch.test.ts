import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { createError, makeJob } from '../../controllers/testing/index.js';
import type { KubeObject } from '../object.js';

const cluster = () => new CoreCluster({ seed: 3 });

describe('Job defaults (SetDefaults_Job) and generated selector (PrepareForCreate)', () => {
  it('fills completions, parallelism, backoffLimit, modes and the four labels from the uid', () => {
    const core = cluster();
    const job = core.api.create(makeJob().name('pi').obj()) as KubeObject & { spec: Record<string, unknown> & { template: { metadata: { labels: Record<string, string> } } } };
    const uid = job.metadata.uid ?? '';
    expect(uid).toMatch(/^[0-9a-f-]{36}$/);
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(job.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    expect(job.spec.template.metadata.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
    expect(job.metadata.generation).toBe(1);
    expect(job.status).toEqual({});
  });

  it('parallelism alone leaves completions unset', () => {
    const job = cluster().api.create(makeJob().name('work').parallelism(3).obj()) as KubeObject & { spec: { completions?: number; parallelism: number } };
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.parallelism).toBe(3);
  });
});

describe('Job validation (ValidateJob)', () => {
  const cases: [string, (b: ReturnType<typeof makeJob>) => KubeObject, string][] = [
    ['restartPolicy unset (defaulted to Always) is required to be OnFailure or Never', (b) => b.restartPolicy('').obj(), 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['restartPolicy Always', (b) => b.restartPolicy('Always').obj(), 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    // ValidatePodSpec reports it too, with the pod's three values.
    [
      'restartPolicy Sometimes',
      (b) => b.restartPolicy('Sometimes').obj(),
      '[spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never", spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"]',
    ],
    ['negative parallelism', (b) => b.parallelism(-1).obj(), 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    ['negative completions', (b) => b.completions(-2).obj(), 'spec.completions: Invalid value: -2: must be greater than or equal to 0'],
    ['negative backoffLimit', (b) => b.backoffLimit(-1).obj(), 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ['negative activeDeadlineSeconds', (b) => b.activeDeadlineSeconds(-5).obj(), 'spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0'],
  ];
  for (const [name, build, text] of cases) {
    it(name, () => {
      expect(createError(cluster(), build(makeJob().name('pi')))).toBe(`Job.batch "pi" is invalid: ${text}`);
    });
  }

  it('Indexed without completions', () => {
    const job = makeJob().name('pi').parallelism(2).indexed().obj();
    expect(createError(cluster(), job)).toBe('Job.batch "pi" is invalid: spec.completions: Required value: when completion mode is Indexed');
  });

  it('unknown completionMode', () => {
    const job = makeJob().name('pi').obj() as unknown as KubeObject & { spec: Record<string, unknown> };
    job.spec.completionMode = 'Sometimes';
    expect(createError(cluster(), job)).toBe('Job.batch "pi" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"');
  });

  it('a template label that contradicts the generated one', () => {
    const job = makeJob().name('pi').obj() as unknown as KubeObject & { spec: { template: { metadata?: { labels?: Record<string, string> } } } };
    job.spec.template.metadata = { labels: { 'job-name': 'other' } };
    expect(createError(cluster(), job)).toMatch(/^Job\.batch "pi" is invalid: spec\.template\.metadata\.labels\[job-name\]: Invalid value: map\[string\]string\{.*\}: must be 'pi'$/);
  });

  it('template spec and selector are immutable on update', () => {
    const core = cluster();
    core.api.create(makeJob().name('pi').obj());
    const live = core.store.get('Job', 'default', 'pi') as KubeObject & { spec: { completions: number } };
    const next = structuredClone(live) as typeof live;
    next.spec.completions = 5;
    let text = '';
    try {
      core.api.update(next);
    } catch (e) {
      text = (e as Error).message;
    }
    expect(text).toBe('Job.batch "pi" is invalid: spec.completions: Invalid value: 5: field is immutable');
  });
});
