import { serviceAccountTokenIssuer } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const ARN = 'arn:aws:eks:us-east-1:123456789012:cluster/kubesim';

describe('kubectl config: the kubeconfig aws eks update-kubeconfig writes', () => {
  it('view prints it as YAML with the CA data omitted; --raw shows the PEM', () => {
    const h = makeHarness();
    const endpoint = serviceAccountTokenIssuer(h.core).endpoint;
    expect(h.kubectl('config view')).toEqual({
      stdout: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: ${endpoint}
  name: ${ARN}
contexts:
- context:
    cluster: ${ARN}
    user: ${ARN}
  name: ${ARN}
current-context: ${ARN}
kind: Config
preferences: {}
users:
- name: ${ARN}
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - us-east-1
      - eks
      - get-token
      - --cluster-name
      - kubesim
      - --output
      - json
      command: aws
      env: null
      interactiveMode: IfAvailable
      provideClusterInfo: false
`,
      stderr: '',
      exitCode: 0,
    });
    const raw = h.kubectl('config view --raw -o jsonpath={.clusters[0].cluster.certificate-authority-data}').stdout;
    const pem = Buffer.from(raw, 'base64').toString();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\nMIIEJ[A-Za-z0-9+/]{59}\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
    // Same seed, same CA.
    expect(makeHarness().kubectl('config view --raw -o jsonpath={.clusters[0].cluster.certificate-authority-data}').stdout).toBe(raw);
  });

  it('view -o json keeps the v1 Config field order; jsonpath reads it', () => {
    const h = makeHarness();
    const json = h.kubectl('config view -o json').stdout;
    expect(Object.keys(JSON.parse(json))).toEqual(['kind', 'apiVersion', 'preferences', 'clusters', 'users', 'contexts', 'current-context']);
    expect(json).toContain('\n    "kind": "Config",\n');
    expect(h.kubectl('config view --minify -o jsonpath={.contexts[0].context.namespace}').stdout).toBe('');
    h.kubectl('config set-context --current --namespace=shop');
    expect(h.kubectl('config view --minify -o jsonpath={.contexts[0].context.namespace}').stdout).toBe('shop');
  });

  it('get-contexts marks the current one; get-clusters and get-users list names', () => {
    const h = makeHarness();
    expect(h.kubectl('config get-contexts').stdout).toBe(
      `CURRENT   NAME${' '.repeat(ARN.length - 1)}CLUSTER${' '.repeat(ARN.length - 4)}AUTHINFO${' '.repeat(ARN.length - 5)}NAMESPACE\n*         ${ARN}   ${ARN}   ${ARN}   \n`,
    );
    expect(h.kubectl('config get-contexts -o name').stdout).toBe(`${ARN}\n`);
    expect(h.kubectl('config get-clusters').stdout).toBe(`NAME\n${ARN}\n`);
    expect(h.kubectl('config get-users').stdout).toBe(`NAME\n${ARN}\n`);
    expect(h.kubectl('config get-contexts nope')).toEqual({
      stdout: `CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n`,
      stderr: 'error: context nope not found\n',
      exitCode: 1,
    });
    expect(h.kubectl('config get-contexts -o wide').stdout).toMatch(/^--output wide is not available in kubectl config get-contexts; resetting to default output format\nCURRENT/);
    expect(h.kubectl('config get-contexts -o bogus').stderr).toBe("error: output must be one of '' or 'name': bogus\n");
  });

  it("set-context --current --namespace changes the namespace later commands use; -n still wins and enforces the manifest's namespace", () => {
    const h = makeHarness();
    h.kubectl('create namespace shop');
    expect(h.kubectl('config set-context --current --namespace=shop')).toEqual({ stdout: `Context "${ARN}" modified.\n`, stderr: '', exitCode: 0 });
    expect(h.kubectl('create configmap settings --from-literal=a=b').stdout).toBe('configmap/settings created\n');
    expect(h.core.store.get('ConfigMap', 'shop', 'settings')).toBeDefined();
    expect(h.core.store.get('ConfigMap', 'default', 'settings')).toBeUndefined();
    expect(h.kubectl('get configmap settings -o name').stdout).toBe('configmap/settings\n');
    expect(h.kubectl('get pods').stderr).toBe('No resources found in shop namespace.\n');
    expect(h.kubectl('get pods -n default').stderr).toBe('No resources found in default namespace.\n');
    // The context's namespace is a default, not an enforced one: a manifest's own namespace is kept…
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: default\n';
    expect(h.kubectl('apply -f -', manifest).stdout).toBe('configmap/other created\n');
    expect(h.core.store.get('ConfigMap', 'default', 'other')).toBeDefined();
    // …while -n contradicting it is refused.
    expect(h.kubectl('apply -n shop -f -', manifest).stderr).toBe(
      `error: the namespace from the provided object "default" does not match the namespace "shop". You must pass '--namespace=default' to perform this operation.\n`,
    );
    expect(h.kubectl('config set-context --current --namespace=').stdout).toBe(`Context "${ARN}" modified.\n`);
    expect(h.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('set-context creates contexts; use-context switches; --context picks one for one command', () => {
    const h = makeHarness();
    h.kubectl('create namespace dev');
    expect(h.kubectl(`config set-context dev --cluster=${ARN} --user=${ARN} --namespace=dev`).stdout).toBe('Context "dev" created.\n');
    expect(h.kubectl('get pods --context dev').stderr).toBe('No resources found in dev namespace.\n');
    expect(h.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(h.kubectl('config use-context dev')).toEqual({ stdout: 'Switched to context "dev".\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('config current-context').stdout).toBe('dev\n');
    expect(h.kubectl('get pods').stderr).toBe('No resources found in dev namespace.\n');
    // Sorted by name: the ARN's context first, unmarked now.
    const rows = h.kubectl('config get-contexts').stdout.split('\n');
    expect(rows[1]).toMatch(/^ +arn:\S+ +arn:\S+ +arn:\S+ +$/);
    expect(rows[2]).toMatch(/^\* +dev +arn:\S+ +arn:\S+ +dev$/);
    expect(h.kubectl('config use-context nope').stderr).toBe('error: no context exists with the name: "nope"\n');
    expect(h.kubectl('config current-context').stdout).toBe('dev\n');
    expect(h.kubectl('config use dev extra').stderr).toBe('error: Unexpected args: [dev extra]\n');
  });

  it('set-context errors change nothing', () => {
    const h = makeHarness();
    expect(h.kubectl('config set-context --namespace=x').stderr).toBe('error: you must specify a non-empty context name or --current\n');
    expect(h.kubectl('config set-context a --current').stderr).toBe('error: you cannot specify both a context name and --current\n');
    expect(h.kubectl('config get-contexts -o name').stdout).toBe(`${ARN}\n`);
  });

  it('rename-context and delete-context (with the warning for the active one)', () => {
    const h = makeHarness();
    expect(h.kubectl(`config rename-context ${ARN} prod`).stdout).toBe(`Context "${ARN}" renamed to "prod".\n`);
    expect(h.kubectl('config current-context').stdout).toBe('prod\n');
    expect(h.kubectl('get ns default -o name').stdout).toBe('namespace/default\n');
    h.kubectl('config set-context spare');
    expect(h.kubectl('config rename-context spare prod').stderr).toBe('error: cannot rename the context "spare", the context "prod" already exists in /root/.kube/config\n');
    expect(h.kubectl('config rename-context gone x').stderr).toBe(`error: cannot rename the context "gone", it's not in /root/.kube/config\n`);
    expect(h.kubectl('config delete-context prod')).toEqual({
      stdout: 'deleted context prod from /root/.kube/config\n',
      stderr: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      exitCode: 0,
    });
    expect(h.kubectl('config delete-context prod').stderr).toBe('error: cannot delete context prod, not in /root/.kube/config\n');
    // The current context is gone: client-go reports it before anything is sent.
    expect(h.kubectl('get pods')).toEqual({ stdout: '', stderr: 'Error in configuration: context was not found for specified context: prod\n', exitCode: 1 });
    expect(h.kubectl('config view --minify').stderr).toBe('error: cannot locate context prod\n');
  });

  it('errors of --context, --cluster and --user, in the order client-go finds them', () => {
    const h = makeHarness();
    expect(h.kubectl('get pods --context nope').stderr).toBe('Error in configuration: context was not found for specified context: nope\n');
    // With -n the namespace needs no context; the client config then requires it.
    expect(h.kubectl('get pods --context nope -n default').stderr).toBe('error: context "nope" does not exist\n');
    expect(h.kubectl('get pods --user nobody').stderr).toBe('error: auth info "nobody" does not exist\n');
    expect(h.kubectl('get pods --cluster elsewhere').stderr).toBe('error: cluster "elsewhere" does not exist\n');
    expect(h.kubectl(`get pods --cluster ${ARN} --user ${ARN}`).exitCode).toBe(0);
    // Offline commands do not care.
    expect(h.kubectl('version --client --context nope').exitCode).toBe(0);
  });

  it('a context whose cluster is elsewhere cannot connect; version prints the client first', () => {
    const h = makeHarness();
    h.kubectl('config set-context local --cluster=minikube --user=me');
    h.kubectl('config set-credentials me --token=abc');
    expect(h.kubectl('get pods --context local').stderr).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    expect(h.kubectl('config set-cluster minikube --server=https://192.168.49.2:8443').stdout).toBe('Cluster "minikube" set.\n');
    expect(h.kubectl('get pods --context local').stderr).toBe('Unable to connect to the server: dial tcp 192.168.49.2:8443: i/o timeout\n');
    h.kubectl('config set-cluster minikube --server=https://k8s.example.com');
    h.kubectl('config use-context local');
    expect(h.kubectl('version')).toEqual({
      stdout: 'Client Version: v1.33.1\nKustomize Version: v5.6.0\n',
      stderr: 'Unable to connect to the server: dial tcp: lookup k8s.example.com: no such host\n',
      exitCode: 1,
    });
    // A client-side dry run only prints.
    expect(h.kubectl('create configmap x --dry-run=client -o name').stdout).toBe('configmap/x\n');
    expect(h.kubectl('config view --minify -o jsonpath={.users[0].user.token}').stdout).toBe('REDACTED');
    expect(h.kubectl('config view --minify --raw -o jsonpath={.users[0].user.token}').stdout).toBe('abc');
    // Pointing the cluster at the simulated endpoint makes it work.
    h.kubectl(`config set-cluster minikube --server=${serviceAccountTokenIssuer(h.core).endpoint}`);
    expect(h.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
    expect(h.kubectl('config set-credentials me --username=u --password=p').stdout).toBe('User "me" set.\n');
    expect(h.kubectl('get pods').stderr).toBe('Error in configuration: more than one authentication method found for me; found [token basicAuth], only one is allowed\n');
  });

  it('delete-cluster, delete-user, and what is not modelled', () => {
    const h = makeHarness();
    expect(h.kubectl(`config delete-user ${ARN}`).stdout).toBe(`deleted user ${ARN} from /root/.kube/config\n`);
    expect(h.kubectl(`config delete-cluster ${ARN}`).stdout).toBe(`deleted cluster ${ARN} from /root/.kube/config\n`);
    expect(h.kubectl('config get-clusters').stdout).toBe('NAME\n');
    expect(h.kubectl(`config delete-cluster ${ARN}`).stderr).toBe(`error: cannot delete cluster ${ARN}, not in /root/.kube/config\n`);
    // No cluster left: the default server.
    expect(h.kubectl('get pods').stderr).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');

    expect(h.kubectl('config frob').stderr).toBe('error: unknown command "frob" for "kubectl config"\nRun \'kubectl config --help\' for usage.\n');
  });

  it('set and unset a dotted path; a map key may contain dots; entries are created on the way', () => {
    const h = makeHarness();
    h.kubectl('create namespace dev');
    expect(h.kubectl(`config set contexts.${ARN}.namespace dev`)).toEqual({ stdout: `Property "contexts.${ARN}.namespace" set.\n`, stderr: '', exitCode: 0 });
    expect(h.kubectl('get pods').stderr).toBe('No resources found in dev namespace.\n');
    expect(h.kubectl(`config unset contexts.${ARN}.namespace`).stdout).toBe(`Property "contexts.${ARN}.namespace" unset.\n`);
    expect(h.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
    // `10.0.0.1` is one key: the parts run until `server`, a field of a cluster.
    expect(h.kubectl('config set clusters.10.0.0.1.server https://10.0.0.1:6443').stdout).toBe('Property "clusters.10.0.0.1.server" set.\n');
    expect(h.kubectl('config set clusters.10.0.0.1.insecure-skip-tls-verify true').exitCode).toBe(0);
    expect(h.kubectl('config view -o jsonpath={.clusters[0].name}={.clusters[0].cluster}').stdout).toBe('10.0.0.1={"insecure-skip-tls-verify":true,"server":"https://10.0.0.1:6443"}');
    expect(h.kubectl('config set clusters.10.0.0.1.insecure-skip-tls-verify maybe').stderr).toBe('error: strconv.ParseBool: parsing "maybe": invalid syntax\n');
    expect(h.kubectl('config set clusters.10.0.0.1.certificate-authority-data not*base64').stderr).toBe('error: error decoding input value: illegal base64 data at input byte 3\n');
    expect(h.kubectl('config set clusters.10.0.0.1.certificate-authority-data pem --set-raw-bytes').exitCode).toBe(0);
    expect(h.kubectl('config view --raw -o jsonpath={.clusters[0].cluster.certificate-authority-data}').stdout).toBe('cGVt');
    expect(h.kubectl('config set current-context 10.0.0.1').stdout).toBe('Property "current-context" set.\n');
    expect(h.kubectl('config current-context').stdout).toBe('10.0.0.1\n');
    expect(h.kubectl('config unset clusters.10.0.0.1').stdout).toBe('Property "clusters.10.0.0.1" unset.\n');
    expect(h.kubectl('config get-clusters').stdout).toBe(`NAME\n${ARN}\n`);
    expect(h.kubectl('config unset contexts.nope.namespace').stderr).toBe('error: current map key `nope` is invalid\n');
    expect(h.kubectl('config set contexts.x.namespace ""').stderr).toBe('error: you cannot use set to unset a property\n');
    expect(h.kubectl('config set users.me.exec.command aws').stderr).toBe('error: kubesim does not model the kubeconfig field "exec"\n');
  });
});
