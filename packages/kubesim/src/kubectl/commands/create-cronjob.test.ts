import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });

describe('kubectl create cronjob, get cronjobs, create job --from (end to end)', () => {
  it('a */1 CronJob runs `echo hi` every minute; get cronjobs/jobs, logs, describe, and a manual run', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('create cronjob hello --image=busybox --schedule="*/1 * * * *" -- echo hi')).toEqual(ok('cronjob.batch/hello created\n'));
    expect(c.kubectl('get cronjobs')).toEqual(
      ok('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     false     0        <none>          0s\n'),
    );
    c.advance('3m30s');
    expect(c.kubectl('get cj')).toEqual(
      ok('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     false     0        30s             3m30s\n'),
    );
    // 2026-01-01T00:01:00Z is minute 29453761 since the epoch.
    expect(c.kubectl('get jobs')).toEqual(
      ok(
        [
          'NAME             STATUS     COMPLETIONS   DURATION   AGE',
          'hello-29453761   Complete   1/1           4s         2m30s',
          'hello-29453762   Complete   1/1           3s         90s',
          'hello-29453763   Complete   1/1           3s         30s',
          '',
        ].join('\n'),
      ),
    );
    expect(c.get('Job', 'hello-29453762')?.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:02:00Z' });
    expect(c.kubectl('logs job/hello-29453761')).toEqual(ok('hi\n'));
    const all = c.kubectl('get all -o name').stdout;
    expect(all).toContain('cronjob.batch/hello\n');
    expect(all.indexOf('cronjob.batch/hello\n')).toBeLessThan(all.indexOf('job.batch/hello-29453761\n'));
    const described = c.kubectl('describe cronjob hello').stdout;
    expect(described).toContain('Concurrency Policy:            Allow\nSuspend:                       false\nSuccessful Job History Limit:  3\nFailed Job History Limit:      1\nStarting Deadline Seconds:     <unset>\n');
    expect(described).toContain('Last Schedule Time:  Thu, 01 Jan 2026 00:03:00 +0000\nActive Jobs:         <none>\n');
    expect(described).toContain('Normal  SawCompletedJob   2m26s  cronjob-controller  Saw completed job: hello-29453761, condition: Complete\n');

    expect(c.kubectl('create job manual --from=cronjob/hello')).toEqual(ok('job.batch/manual created\n'));
    const manual = c.get('Job', 'manual');
    const cj = c.get('CronJob', 'hello');
    expect(manual?.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(manual?.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj?.metadata.uid, controller: true }]);
    c.advance('10s');
    // The manual Job counts as the fourth successful one: the oldest goes (successfulJobsHistoryLimit 3).
    expect(c.kubectl('get jobs')).toEqual(
      ok(
        [
          'NAME             STATUS     COMPLETIONS   DURATION   AGE',
          'hello-29453762   Complete   1/1           3s         100s',
          'hello-29453763   Complete   1/1           3s         40s',
          'manual           Complete   1/1           3s         10s',
          '',
        ].join('\n'),
      ),
    );
    const events = c.kubectl('describe cj hello').stdout;
    expect(events).toContain('Warning  UnexpectedJob     9s (x3 over 10s)  cronjob-controller  Saw a job that the controller did not create or forgot: manual\n');
    expect(events).toContain('Normal   SuccessfulDelete  7s                cronjob-controller  Deleted job hello-29453761\n');
  });

  it('api-resources lists cronjobs (cj) before jobs in the batch group', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('api-resources --api-group=batch')).toEqual(
      ok('NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND\ncronjobs   cj           batch/v1     true         CronJob\njobs                    batch/v1     true         Job\n'),
    );
  });

  it('create cronjob: the dry-run object, the required flags, and the server\'s schedule error', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('create cronjob nightly --image=busybox --schedule="0 3 * * *" --restart=Never --dry-run=client -o yaml')).toEqual(
      ok(
        [
          'apiVersion: batch/v1',
          'kind: CronJob',
          'metadata:',
          '  creationTimestamp: null',
          '  name: nightly',
          'spec:',
          '  jobTemplate:',
          '    metadata:',
          '      creationTimestamp: null',
          '      name: nightly',
          '    spec:',
          '      template:',
          '        metadata:',
          '          creationTimestamp: null',
          '        spec:',
          '          containers:',
          '          - image: busybox',
          '            name: nightly',
          '            resources: {}',
          '          restartPolicy: Never',
          "  schedule: 0 3 * * *",
          'status: {}',
          '',
        ].join('\n'),
      ),
    );
    expect(c.kubectl('create cronjob x')).toEqual({ stdout: '', stderr: 'error: required flag(s) "image", "schedule" not set\n', exitCode: 1 });
    expect(c.kubectl('create cj bad --image=busybox --schedule="61 * * * *"')).toEqual({
      stdout: '',
      stderr: 'error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n',
      exitCode: 1,
    });
    expect(c.kubectl('create job x --from=cronjob/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): cronjobs.batch "nope" not found\n', exitCode: 1 });
    c.kubectl('create deployment web --image=nginx');
    expect(c.kubectl('create job x --from=deployment/web')).toEqual({ stdout: '', stderr: 'error: unknown object type *v1.Deployment\n', exitCode: 1 });
  });
});
