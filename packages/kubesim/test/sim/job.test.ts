/**
 * Jobs end to end: `kubectl create job` runs to completion (`kubectl wait`, `get jobs`, `describe
 * job`), a failing Job stops at its backoff limit, and a Job's pod writes to an EBS-backed claim
 * that a later pod reads.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, claim, GP3_WFFC_CLASS, kubectlOk, podWithClaim } from './helpers.js';

const WRITER_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: writer
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: writer
        image: example/result-writer
        volumeMounts:
        - mountPath: /data
          name: results
      volumes:
      - name: results
        persistentVolumeClaim:
          claimName: results
`;

describe('Jobs end to end', () => {
  it('kubectl create job, wait --for=condition=complete, get jobs (and -o wide), describe job', () => {
    const cluster = createCluster({ seed: 5 });
    expect(kubectlOk(cluster, 'create job hello --image=busybox -- true')).toBe('job.batch/hello created\n');
    expect(kubectlOk(cluster, 'get jobs')).toBe('NAME    STATUS    COMPLETIONS   DURATION   AGE\nhello   Running   0/1           0s         0s\n');
    expect(kubectlOk(cluster, 'wait --for=condition=complete job/hello --timeout=60s')).toBe('job.batch/hello condition met\n');
    expect(kubectlOk(cluster, 'get jobs')).toBe('NAME    STATUS     COMPLETIONS   DURATION   AGE\nhello   Complete   1/1           4s         4s\n');
    cluster.advance('1m');
    // DURATION stops at completion; AGE goes on.
    const uid = cluster.get('Job', 'hello')?.metadata.uid;
    expect(kubectlOk(cluster, 'get jobs -o wide')).toBe(
      'NAME    STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES    SELECTOR\n' +
        `hello   Complete   1/1           4s         64s   hello        busybox   batch.kubernetes.io/controller-uid=${uid}\n`,
    );
    const described = kubectlOk(cluster, 'describe job hello');
    expect(described).toContain('Completion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    6\nStart Time:       Thu, 01 Jan 2026 00:00:00 +0000\nCompleted At:     Thu, 01 Jan 2026 00:00:04 +0000\nDuration:         4s\nPods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n');
    expect(described).toMatch(/Normal {2}SuccessfulCreate {2}64s {3}job-controller {2}Created pod: hello-[a-z0-9]{5}\n {2}Normal {2}Completed {9}60s {3}job-controller {2}Job completed\n$/);
    expect(cluster.kubectl('create job hello --image=busybox')).toEqual({ stdout: '', stderr: 'error: failed to create job: jobs.batch "hello" already exists\n', exitCode: 1 });
    expect(cluster.kubectl('create job x').stderr).toBe('error: either --image or --from must be specified\n');
  });

  it('a Job whose command fails stops at its backoff limit: FailureTarget, Failed, Error pods', () => {
    const cluster = createCluster({ seed: 5 });
    kubectlOk(cluster, 'create job fails --image=busybox -- false');
    expect(kubectlOk(cluster, `patch job fails --type=merge -p '{"spec":{"backoffLimit":1}}'`)).toBe('job.batch/fails patched\n');
    expect(kubectlOk(cluster, 'wait --for=condition=failed job/fails --timeout=5m')).toBe('job.batch/fails condition met\n');
    // Two pods (the 10 s back-off between them); a failed Job has no completionTime, so DURATION runs on.
    expect(kubectlOk(cluster, 'get jobs')).toBe('NAME    STATUS   COMPLETIONS   DURATION   AGE\nfails   Failed   0/1           15s        15s\n');
    expect(kubectlOk(cluster, 'get job fails -o jsonpath={.status.conditions[*].type}')).toBe('FailureTarget Failed');
    const pods = kubectlOk(cluster, 'get pods --no-headers').trim().split('\n');
    expect(pods).toHaveLength(2);
    for (const line of pods) expect(line).toMatch(/^fails-[a-z0-9]{5} {3}0\/1 {3}Error {3}0 /);
  });

  it('an Indexed Job: pods <job>-<index>-xxxxx, describe shows Completion Mode and Completed Indexes', () => {
    const cluster = createCluster({ seed: 7 });
    applyYaml(
      cluster,
      `apiVersion: batch/v1
kind: Job
metadata:
  name: idx
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        command: ["true"]
`,
    );
    kubectlOk(cluster, 'wait --for=condition=complete job/idx --timeout=2m');
    const names = kubectlOk(cluster, 'get pods -o name').trim().split('\n');
    expect(names.map((n) => n.replace(/-[a-z0-9]{5}$/, ''))).toEqual(['pod/idx-0', 'pod/idx-1', 'pod/idx-2']);
    const described = kubectlOk(cluster, 'describe job idx');
    expect(described).toContain('Completion Mode:    Indexed\n');
    expect(described).toContain('Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 0 Failed\nCompleted Indexes:  0-2\n');
  });

  it('a Job writes its result to an EBS-backed claim that a later pod reads', () => {
    const cluster = createCluster({ seed: 11 });
    cluster.registerImage('example/result-writer', {
      sizeBytes: 1_000_000,
      start(ctx) {
        ctx.fs.writeFile('/data/result.txt', `done by ${ctx.hostname}\n`);
        return { kind: 'exit', exitCode: 0, afterMs: 500 };
      },
    });
    applyYaml(cluster, GP3_WFFC_CLASS);
    applyYaml(cluster, claim('results', 'gp3'));
    applyYaml(cluster, WRITER_JOB);
    expect(kubectlOk(cluster, 'wait --for=condition=complete job/writer --timeout=5m')).toBe('job.batch/writer condition met\n');
    expect(kubectlOk(cluster, 'get pvc results -o jsonpath={.status.phase}')).toBe('Bound');
    const writer = kubectlOk(cluster, 'get pods -l job-name=writer -o jsonpath={.items[0].metadata.name}');
    applyYaml(cluster, podWithClaim('reader', 'results'));
    kubectlOk(cluster, 'wait --for=condition=Ready pod/reader --timeout=5m');
    expect(kubectlOk(cluster, 'exec reader -- cat /data/result.txt')).toBe(`done by ${writer}\n`);
  });
});
