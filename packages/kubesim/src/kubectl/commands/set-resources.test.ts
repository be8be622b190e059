import { beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from '../testing/index.js';
import { failure, makeSetHarness, POD_FORBIDDEN, setHelpers } from './set.fixtures.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeSetHarness();
});

const { ctrs, unchanged } = setHelpers(() => h);

describe('kubectl set resources', () => {
  it('sets limits and requests (canonical quantities) on every container, init containers included', () => {
    expect(h.kubectl('set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=0.1,memory=256Mi')).toEqual({
      stdout: 'deployment.apps/web resource requirements updated\n',
      stderr: '',
      exitCode: 0,
    });
    for (const c of ['app', 'sidecar', 'init']) {
      expect(ctrs()[c].resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    }
    // The same values again (100m written as 0.1 or not) change nothing: no line.
    expect(unchanged('set resources deploy/web --requests=cpu=100m --limits=memory=0.5Gi')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('-c limits the change; other keys of the lists are kept', () => {
    h.kubectl('set resources deploy/web --limits=cpu=200m,memory=512Mi');
    expect(h.kubectl('set resources deploy/web -c app --limits=cpu=1').stdout).toBe('deployment.apps/web resource requirements updated\n');
    expect(ctrs().app.resources).toEqual({ limits: { cpu: '1', memory: '512Mi' } });
    expect(ctrs().sidecar.resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' } });
  });

  it.each([
    ['set resources deploy/web', 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'],
    ['set resources deploy/web --limits=cpu', 'error: Invalid argument syntax cpu, expected <resource>=<value>\n'],
    ['set resources deploy/web --requests=cpu=1=2', 'error: Invalid argument syntax cpu=1=2, expected <resource>=<value>\n'],
    ['set resources deploy/web --limits=cpu=abc', "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"],
    ['set resources deploy/web -c nope --limits=cpu=1', 'error: unable to find container named nope\n'],
    ['set resources deploy/nope --limits=cpu=abc', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ['set resources deploy/web --limits=cpu=1 --local', "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"],
    ['set resources svc/frontend --limits=cpu=1', 'error: services/frontend the object is not a pod or does not have a pod template: *v1.Service\n'],
  ])('%s fails in kubectl words and changes nothing', (line, stderr) => {
    expect(unchanged(line)).toEqual(failure(stderr));
  });

  it("a running pod's resources are immutable (only the resize subresource changes them)", () => {
    expect(unchanged('set resources pod/solo --limits=cpu=1', 'Pod', 'solo')).toEqual(
      failure(`error: failed to patch resources update to pod template Pod "solo" is invalid: ${POD_FORBIDDEN}\n`),
    );
  });
});
