import { createCluster } from 'kubesim';
import { describe, expect, it } from 'vitest';

/** The claims of a JWT (its middle part). */
function claims(token: string): Record<string, unknown> & { 'kubernetes.io': Record<string, { name: string; uid: string }> } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('kubectl create token', () => {
  it('prints a token of the service account (no newline off a terminal): the API audiences, one hour by default, or what --audience and --duration ask', () => {
    const c = createCluster({ seed: 1 });
    const r = c.kubectl('create token default');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const t = claims(r.stdout);
    expect(t).toMatchObject({ aud: ['https://kubernetes.default.svc'], sub: 'system:serviceaccount:default:default' });
    expect((t.exp as number) - (t.iat as number)).toBe(3600);
    expect(t['kubernetes.io'].serviceaccount.uid).toBe(c.get('ServiceAccount', 'default')?.metadata.uid);
    expect(t['kubernetes.io'].pod).toBeUndefined();
    const custom = claims(c.kubectl('create token default --audience=sts.amazonaws.com --audience=vault --duration=2h').stdout);
    expect(custom.aud).toEqual(['sts.amazonaws.com', 'vault']);
    expect((custom.exp as number) - (custom.iat as number)).toBe(7200);
  });

  it('binds the token to a pod (and the node it runs on) or a secret; a missing or recreated object is refused', () => {
    const c = createCluster({ seed: 1 });
    c.kubectl('run box --image=busybox -- sleep 3600');
    c.advance('10s');
    const pod = c.get('Pod', 'box') as unknown as { metadata: { uid: string }; spec: { nodeName: string } };
    const t = claims(c.kubectl('create token default --bound-object-kind Pod --bound-object-name box').stdout);
    expect(t['kubernetes.io'].pod).toEqual({ name: 'box', uid: pod.metadata.uid });
    expect(t['kubernetes.io'].node.name).toBe(pod.spec.nodeName);
    expect(c.kubectl('create token default --bound-object-kind Pod --bound-object-name nope').stderr).toBe('error: failed to create token: pods "nope" not found\n');
    expect(c.kubectl('create token default --bound-object-kind Pod --bound-object-name box --bound-object-uid 1234').stderr).toBe(
      'error: failed to create token: Operation cannot be fulfilled on Pod "box": the UID in the bound object reference (1234) does not match the UID in record. The object might have been deleted and then recreated\n',
    );
    c.kubectl('create secret generic s --from-literal=a=b');
    expect(claims(c.kubectl('create token default --bound-object-kind Secret --bound-object-name s').stdout)['kubernetes.io'].secret.name).toBe('s');
  });

  it('refuses what create_token.go Validate and the API server refuse, in their words', () => {
    const c = createCluster({ seed: 1 });
    const err = (line: string) => c.kubectl(line).stderr;
    expect(err('create token nope')).toBe('error: failed to create token: serviceaccounts "nope" not found\n');
    expect(err('create token default --duration=5m')).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
    expect(err('create token default --duration=1500ms')).toBe('error: --duration cannot be expressed in units less than seconds\n');
    expect(err('create token default --duration=abc')).toBe('error: invalid argument "abc" for "--duration" flag: time: invalid duration "abc"\nSee \'kubectl create token --help\' for usage.\n');
    expect(err('create token default --bound-object-kind Job --bound-object-name x')).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect(err('create token default --bound-object-kind Pod')).toBe('error: --bound-object-name is required if --bound-object-kind is provided\n');
    expect(err('create token default --bound-object-name x')).toBe('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    expect(err("create token default --audience=''")).toBe('error: --audience must not be an empty string\n');
    expect(err('create token default --image=x')).toBe("error: unknown flag: --image\nSee 'kubectl create token --help' for usage.\n");
  });

  it('-o prints the TokenRequest the API server answers: the spec defaulted, the status with the token and its expiry', () => {
    const c = createCluster({ seed: 1 });
    const r = c.kubectl('create token default -o json --duration=2h');
    const tr = JSON.parse(r.stdout);
    expect(Object.keys(tr)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(tr).toMatchObject({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 7200, boundObjectRef: null },
      status: { expirationTimestamp: '2026-01-01T02:00:00Z' },
    });
    expect(claims(tr.status.token).sub).toBe('system:serviceaccount:default:default');
    const yaml = c.kubectl('create token default -o yaml').stdout;
    expect(yaml.replace(/token: [\w.-]+\n$/, 'token: T\n')).toBe(
      'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  creationTimestamp: null\nspec:\n  audiences:\n  - https://kubernetes.default.svc\n  boundObjectRef: null\n  expirationSeconds: 3600\nstatus:\n  expirationTimestamp: "2026-01-01T01:00:00Z"\n  token: T\n',
    );
    expect(c.kubectl('create token default -o wide').stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
  });
});
