/**
 * Every pod runs as a service account and finds it at /var/run/secrets/kubernetes.io/serviceaccount:
 * the docs' init-container example (`Init Containers`, myapp-pod) in the form that reads its
 * namespace from that directory, `$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)`,
 * reaches Running in whatever namespace it is created in; `kubectl exec` reads the namespace,
 * `get -o yaml` and `describe` show the account and the `kube-api-access-xxxxx` volume, and a pod
 * naming an account that does not exist is refused (a Deployment's pods in FailedCreate events).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, initContainersPod, kubectlOk, portService } from './helpers.js';

const POD = initContainersPod('$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)');

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

describe('service accounts (the docs init-container example reading its namespace)', () => {
  it('the init containers look their Services up in the namespace they read from the token volume; then the app runs', () => {
    const c = createCluster({ seed: 1 });
    applyYaml(c, POD);
    c.advance('20s');
    expect(kubectlOk(c, 'get pod myapp-pod --no-headers')).toMatch(/^myapp-pod +0\/1 +Init:0\/2 +0 +20s\n$/);
    // The substitution read `default` from the file.
    expect(kubectlOk(c, 'logs myapp-pod -c init-myservice --tail 2')).toBe("** server can't find myservice.default.svc.cluster.local: NXDOMAIN\nwaiting for myservice\n");
    applyYaml(c, portService('myservice', 9376));
    applyYaml(c, portService('mydb', 9377));
    c.advance('10s');
    expect(kubectlOk(c, 'get pod myapp-pod --no-headers')).toMatch(/^myapp-pod +1\/1 +Running +0 +30s\n$/);
    const exec = c.kubectl(`exec myapp-pod -- cat ${SA_DIR}/namespace`);
    expect(exec).toEqual({ stdout: 'default', stderr: expect.stringMatching(/^Defaulted container "myapp-container" out of:/), exitCode: 0 });
    expect(kubectlOk(c, `exec myapp-pod -- ls ${SA_DIR}`)).toBe('ca.crt\nnamespace\ntoken\n');
    const bundle = (c.get('ConfigMap', 'kube-root-ca.crt') as unknown as { data: Record<string, string> }).data['ca.crt'];
    expect(bundle).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(kubectlOk(c, `exec myapp-pod -- cat ${SA_DIR}/ca.crt`)).toBe(bundle);
  });

  it('in another namespace the same pod waits for that namespace Services, not the default ones', () => {
    const c = createCluster({ seed: 1 });
    kubectlOk(c, 'create namespace shop');
    // Created in the same instant as its namespace's default account and CA bundle: admitted and mounted all the same.
    c.kubectl('apply -n shop -f -', { stdin: POD });
    applyYaml(c, portService('myservice', 9376));
    applyYaml(c, portService('mydb', 9377));
    c.advance('10s');
    expect(kubectlOk(c, 'get pod myapp-pod -n shop --no-headers')).toMatch(/^myapp-pod +0\/1 +Init:0\/2 +0 +10s\n$/);
    expect(kubectlOk(c, 'logs myapp-pod -n shop -c init-myservice --tail 1')).toBe('waiting for myservice\n');
    expect(kubectlOk(c, 'logs myapp-pod -n shop -c init-myservice')).toContain("can't find myservice.shop.svc.cluster.local");
    c.kubectl('apply -n shop -f -', { stdin: portService('myservice', 9376) });
    c.kubectl('apply -n shop -f -', { stdin: portService('mydb', 9377) });
    c.advance('10s');
    expect(kubectlOk(c, 'get pod myapp-pod -n shop --no-headers')).toMatch(/^myapp-pod +1\/1 +Running +0 +20s\n$/);
    expect(kubectlOk(c, `exec -n shop myapp-pod -- cat ${SA_DIR}/namespace`)).toBe('shop');
    expect(kubectlOk(c, 'get sa -n shop')).toMatch(/^NAME +SECRETS +AGE\ndefault +0 +20s\n$/);
  });

  it('get -o yaml: serviceAccount and serviceAccountName default, the token volume, its read-only mount in every container', () => {
    const c = createCluster({ seed: 1 });
    applyYaml(c, POD);
    const yaml = kubectlOk(c, 'get pod myapp-pod -o yaml');
    const volume = /- name: (kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5})\n/.exec(yaml)?.[1] ?? 'missing';
    const mount = `    volumeMounts:\n    - mountPath: ${SA_DIR}\n      name: ${volume}\n      readOnly: true\n`;
    const [spec] = yaml.split('\nstatus:\n');
    expect(spec.split(mount).length - 1).toBe(3); // myapp-container, init-myservice, init-mydb
    expect(yaml).toContain('  serviceAccount: default\n  serviceAccountName: default\n');
    expect(yaml).toContain(
      [
        '  volumes:',
        `  - name: ${volume}`,
        '    projected:',
        '      defaultMode: 420',
        '      sources:',
        '      - serviceAccountToken:',
        '          expirationSeconds: 3607',
        '          path: token',
        '      - configMap:',
        '          items:',
        '          - key: ca.crt',
        '            path: ca.crt',
        '          name: kube-root-ca.crt',
        '      - downwardAPI:',
        '          items:',
        '          - fieldRef:',
        '              apiVersion: v1',
        '              fieldPath: metadata.namespace',
        '            path: namespace',
        'status:',
      ].join('\n'),
    );
  });

  it('describe: Service Account, the mount line of each container, the Projected volume block', () => {
    const c = createCluster({ seed: 1 });
    applyYaml(c, POD);
    c.advance('5s');
    const out = kubectlOk(c, 'describe pod myapp-pod');
    const volume = /(kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5})/.exec(out)?.[1] ?? 'missing';
    expect(out).toContain('\nService Account:  default\n');
    expect(out.split(`      ${SA_DIR} from ${volume} (ro)\n`).length - 1).toBe(3);
    expect(out).toContain(
      [
        'Volumes:',
        `  ${volume}:`,
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    Optional:                false',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
      ].join('\n'),
    );
  });

  it('kubectl get sa and configmaps list default and kube-root-ca.crt in every namespace', () => {
    const c = createCluster({ seed: 1 });
    expect(kubectlOk(c, 'get sa -A')).toBe(
      [
        'NAMESPACE         NAME      SECRETS   AGE',
        'default           default   0         0s',
        'kube-node-lease   default   0         0s',
        'kube-public       default   0         0s',
        'kube-system       default   0         0s',
        '',
      ].join('\n'),
    );
    expect(kubectlOk(c, 'get configmaps -A')).toBe(
      [
        'NAMESPACE         NAME               DATA   AGE',
        'default           kube-root-ca.crt   1      0s',
        'kube-node-lease   kube-root-ca.crt   1      0s',
        'kube-public       kube-root-ca.crt   1      0s',
        'kube-system       kube-root-ca.crt   1      0s',
        '',
      ].join('\n'),
    );
  });

  it('a pod naming a missing account is Forbidden; a Deployment reports it in FailedCreate; creating the account lets the pods in', () => {
    const c = createCluster({ seed: 1 });
    const pod = POD.replace('spec:\n', 'spec:\n  serviceAccountName: builder\n');
    expect(c.kubectl('apply -f -', { stdin: pod })).toEqual({
      stdout: '',
      stderr: 'Error from server (Forbidden): error when creating "STDIN": pods "myapp-pod" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found\n',
      exitCode: 1,
    });
    kubectlOk(c, 'create deployment web --image=nginx');
    expect(kubectlOk(c, `patch deployment web -p '{"spec":{"template":{"spec":{"serviceAccountName":"builder"}}}}'`)).toBe('deployment.apps/web patched\n');
    c.advance('5s');
    expect(kubectlOk(c, 'get events --field-selector reason=FailedCreate')).toMatch(
      /Error creating: pods "web-[a-z0-9]+-" is forbidden: error looking up service account default\/builder: serviceaccount "builder" not found/,
    );
    applyYaml(c, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: builder\n');
    c.advance('30s');
    expect(kubectlOk(c, 'get deployment web --no-headers')).toMatch(/^web +1\/1 +1 +1 +/);
    // The template's name gave the deprecated alias too (the v1 conversion).
    expect(kubectlOk(c, 'get deployment web -o jsonpath={.spec.template.spec.serviceAccount}')).toBe('builder');
  });
});
