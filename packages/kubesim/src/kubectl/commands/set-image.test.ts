import { installControllers } from '@kubesim/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeDeployment, makeHarness } from '../testing/index.js';
import { failure, makeSetHarness, type Spec, setHelpers, WEB } from './set.fixtures.js';

let h: KubectlHarness;

beforeEach(() => {
  h = makeSetHarness();
});

const { live, images, unchanged } = setHelpers(() => h);

describe('kubectl set image', () => {
  it('updates the named container of a Deployment template and prints "image updated"', () => {
    const before = live('Deployment', 'web');
    expect(h.kubectl('set image deployment/web app=nginx:1.27')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(images()).toEqual({ app: 'nginx:1.27', sidecar: 'envoy:1.30', init: 'busybox:1.36' });
    // A template change: a new generation, which the Deployment controller rolls out.
    expect(live('Deployment', 'web').metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
  });

  it('prints nothing and writes nothing when the image is already set', () => {
    h.kubectl('set image deploy/web app=nginx:1.27');
    expect(unchanged('set image deploy/web app=nginx:1.27')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('TYPE NAME form with several pairs; * sets every container, init containers included', () => {
    expect(h.kubectl('set image deployment web app=nginx:1.26 sidecar=envoy:1.31').stdout).toBe('deployment.apps/web image updated\n');
    expect(images()).toEqual({ app: 'nginx:1.26', sidecar: 'envoy:1.31', init: 'busybox:1.36' });
    expect(h.kubectl('set image deploy/web *=busybox:1.37').stdout).toBe('deployment.apps/web image updated\n');
    expect(images()).toEqual({ app: 'busybox:1.37', sidecar: 'busybox:1.37', init: 'busybox:1.37' });
    expect(h.kubectl('set image deploy/web init=busybox:1.36').stdout).toBe('deployment.apps/web image updated\n');
    expect(images().init).toBe('busybox:1.36');
  });

  it("a pod's image is mutable; the API server refuses one with surrounding whitespace (pods only)", () => {
    expect(h.kubectl('set image pod/solo randserver=nginx:1.27')).toEqual({ stdout: 'pod/solo image updated\n', stderr: '', exitCode: 0 });
    expect(images('Pod', 'solo')).toEqual({ randserver: 'nginx:1.27' });
    expect(unchanged(`set image pod/solo "randserver= nginx"`, 'Pod', 'solo')).toEqual(
      failure('error: failed to patch image update to pod template: Pod "solo" is invalid: spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace\n'),
    );
  });

  it('a missing container is an error, but the other pairs are still applied', () => {
    expect(h.kubectl('set image deploy/web app=nginx:1.28 nope=x')).toEqual({
      stdout: 'deployment.apps/web image updated\n',
      stderr: 'error: unable to find container named "nope"\n',
      exitCode: 1,
    });
    expect(images().app).toBe('nginx:1.28');
  });

  it('-l and --all select by label; each object reports on its own', () => {
    h.put(makeDeployment('api', 1));
    expect(h.kubectl('set image deployments -l tier=frontend app=nginx:1.29')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('set image deployments --all app=nginx:1.30')).toEqual({
      stdout: 'deployment.apps/web image updated\n',
      stderr: 'error: unable to find container named "app"\n',
      exitCode: 1,
    });
    expect(images().app).toBe('nginx:1.30');
  });

  it.each([
    ['set image deploy/web nope=nginx', 'error: unable to find container named "nope"\n'],
    ['set image deploy/web', 'error: at least one image update is required\n'],
    ['set image deploy/web app-', 'error: invalid image format: app-\n'],
    ['set image deploy/web app=nginx extra', 'error: all resources must be specified before image changes: extra\n'],
    ['set image deploy/web *=nginx app=nginx', 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n'],
    ['set image deploy/nope app=nginx', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    // The builder collects every NotFound before the command gives up (nothing is written).
    ['set image deploy/nope deploy/web deploy/gone app=nginx:2', 'Error from server (NotFound): deployments.apps "nope" not found\nError from server (NotFound): deployments.apps "gone" not found\n'],
    ['set image svc/frontend app=nginx', 'error: services/frontend the object is not a pod or does not have a pod template: *v1.Service\n'],
    ['set image deployment app=nginx', 'error: resource(s) were provided, but no name was specified\n'],
    [
      'set image app=nginx',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    ['set image deployments --all -l tier=frontend app=nginx', 'error: cannot set --all and --selector at the same time\n'],
    [
      'set image deploy/web app=nginx --local',
      "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    ],
    ['set image -f web.yaml app=nginx --local --dry-run=server', 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'],
    // The API server's validation, wrapped (an image is required; kubectl itself checks no image reference).
    ['set image deploy/web app=', 'error: failed to patch image update to pod template: Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value\n'],
    ['set image deploy/web app=nginx --dry-run=maybe', 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
    ['set image deploy/web app=nginx -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n'],
  ])('%s fails in kubectl words and changes nothing', (line, stderr) => {
    expect(unchanged(line)).toEqual(failure(stderr));
  });

  it('-f re-reads the object from the server; --local only prints the changed file object', () => {
    h.kubectl('set image deploy/web app=nginx:1.27');
    // The file says nginx:1.25; the live object (nginx:1.27) is what gets changed.
    expect(h.kubectl('set image -f web.yaml sidecar=envoy:1.31').stdout).toBe('deployment.apps/web image updated\n');
    expect(images()).toEqual({ app: 'nginx:1.27', sidecar: 'envoy:1.31', init: 'busybox:1.36' });
    const r = unchanged(`set image -f web.yaml app=nginx:1.99 --local -o jsonpath={.spec.template.spec.containers[*].image}`);
    expect(r).toEqual({ stdout: 'nginx:1.99 envoy:1.30', stderr: '', exitCode: 0 });
    expect(unchanged('set image -f web.yaml app=nginx:1.99 --local')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
  });

  it('--record (deprecated) stores the command as the change cause; rollout history shows it', () => {
    h = makeHarness({}, { 'web.yaml': WEB });
    installControllers(h.core);
    h.kubectl('create -f web.yaml');
    expect(h.kubectl('set image deploy/web app=nginx:1.27 --record')).toEqual({
      stdout: 'deployment.apps/web image updated\n',
      stderr: 'Flag --record has been deprecated, --record will be removed in the future\n',
      exitCode: 0,
    });
    expect(live('Deployment', 'web').metadata.annotations?.['kubernetes.io/change-cause']).toBe('kubectl set image deploy/web app=nginx:1.27 --record=true');
    // The Deployment controller started the rollout: a ReplicaSet with the new image.
    const rsImages = h.core.store.list('ReplicaSet', 'default').map((rs) => (rs.spec as { template: { spec: Spec } }).template.spec.containers[0].image);
    expect(rsImages.sort()).toEqual(['nginx:1.25', 'nginx:1.27']);
    expect(h.kubectl('rollout history deploy/web').stdout).toContain('2         kubectl set image deploy/web app=nginx:1.27 --record=true\n');
  });
});
