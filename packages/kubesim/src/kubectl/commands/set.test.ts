import type { KubeObject } from '@kubesim/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from '../testing/index.js';
import { failure, makeSetHarness, POD_FORBIDDEN, setHelpers } from './set.fixtures.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeSetHarness();
});

const { live, images, unchanged } = setHelpers(() => h);

describe('kubectl set', () => {
  it('without a subcommand prints its help on stderr and exits 1 (DefaultSubCommandRun)', () => {
    expect(h.kubectl('set')).toEqual(
      failure(`Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`),
    );
  });

  it('an unknown subcommand is a usage error naming every argument; flags of another subcommand are unknown', () => {
    expect(h.kubectl('set foo deploy/web')).toEqual(failure(`error: unknown command "foo deploy/web"\nSee 'kubectl set -h' for help and examples\n`));
    expect(unchanged('set image deploy/web app=nginx:1.27 --list')).toEqual(failure(`error: unknown flag: --list\nSee 'kubectl set image --help' for usage.\n`));
    expect(unchanged('set env deploy/web A=1 --limits=cpu=1')).toEqual(failure(`error: unknown flag: --limits\nSee 'kubectl set env --help' for usage.\n`));
  });
});

describe('--dry-run and -o', () => {
  it('client: prints "(dry run)" or the changed object, sends nothing', () => {
    expect(unchanged('set image deploy/web app=nginx:1.27 --dry-run=client')).toEqual({ stdout: 'deployment.apps/web image updated (dry run)\n', stderr: '', exitCode: 0 });
    expect(unchanged('set env deploy/web A=1 --dry-run=client')).toEqual({ stdout: 'deployment.apps/web env updated (dry run)\n', stderr: '', exitCode: 0 });
    expect(unchanged('set resources deploy/web --limits=cpu=1 --dry-run=client')).toEqual({
      stdout: 'deployment.apps/web resource requirements updated (dry run)\n',
      stderr: '',
      exitCode: 0,
    });
    const yaml = unchanged('set image deploy/web app=nginx:1.27 --dry-run=client -o yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
    expect(yaml).toContain('      - env:\n        - name: MODE\n          value: prod\n');
    expect(yaml).toContain('        image: nginx:1.27\n        imagePullPolicy: IfNotPresent\n        name: app\n');
    // A client dry run does not reach the API server's validation.
    expect(unchanged(`set image pod/solo "randserver= x" --dry-run=client -o name`, 'Pod', 'solo')).toEqual({ stdout: 'pod/solo\n', stderr: '', exitCode: 0 });
  });

  it('server: validated but not stored, "(server dry run)"', () => {
    expect(unchanged('set image deploy/web app=nginx:1.27 --dry-run=server')).toEqual({
      stdout: 'deployment.apps/web image updated (server dry run)\n',
      stderr: '',
      exitCode: 0,
    });
    expect(unchanged('set resources deploy/web --limits=cpu=1 --dry-run=server -o jsonpath={.spec.template.spec.containers[0].resources.limits.cpu}').stdout).toBe('1');
    expect(unchanged('set env pod/solo A=1 --dry-run=server', 'Pod', 'solo')).toEqual(
      failure(`error: failed to patch env update to pod template: Pod "solo" is invalid: ${POD_FORBIDDEN}\n`),
    );
  });

  it('-o name and -o json print the object written', () => {
    expect(h.kubectl('set image deploy/web app=nginx:1.27 -o name')).toEqual({ stdout: 'deployment.apps/web\n', stderr: '', exitCode: 0 });
    const written = JSON.parse(h.kubectl('set image pod/solo randserver=nginx:1.28 -o json').stdout) as KubeObject;
    expect(written.metadata.resourceVersion).toBe(live('Pod', 'solo').metadata.resourceVersion);
    expect(images('Pod', 'solo').randserver).toBe('nginx:1.28');
  });
});
