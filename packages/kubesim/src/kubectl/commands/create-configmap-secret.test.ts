import { beforeEach, describe, expect, it } from 'vitest';
import { type KubectlHarness, makeHarness } from '../testing/index.js';

let h: KubectlHarness;

const FILES: Record<string, string> = {
  'conf/app.properties': 'color=blue\nsize=10\n',
  'conf/id_rsa': 'KEY',
  // A BOM on the first line, comments, indentation, CRLF, a value with `=`, a bare key.
  'game.env': '\uFEFFLIVES=3\r\n# a comment\n\n   ENEMIES=aliens\nURL=http://x/?a=b\nTRAILING=two words  \nEMPTY=\nFROM_ENV\n',
  'bad.env': 'OK=1\n1ST=2\n',
  'dup.env': 'A=1\nA=2\n',
  'docker.json': '{"auths":{}}',
};

beforeEach(() => {
  h = makeHarness({}, FILES);
});

const failure = (stderr: string) => ({ stdout: '', stderr: `${stderr}\n`, exitCode: 1 });
const configMaps = () => h.core.store.list('ConfigMap');
const secrets = () => h.core.store.list('Secret');
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('kubectl create configmap', () => {
  it('a client dry run prints the ConfigMap as kubectl 1.33 does (empty maps omitted) and creates nothing', () => {
    expect(h.kubectl('create configmap empty --dry-run=client -o yaml')).toEqual({
      stdout: ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  creationTimestamp: null', '  name: empty', ''].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('create cm app --from-literal=b=2 --from-file=conf/app.properties --from-literal=a=1 -n team --dry-run=client -o yaml').stdout).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  a: "1"',
        '  app.properties: |',
        '    color=blue',
        '    size=10',
        '  b: "2"',
        'kind: ConfigMap',
        'metadata:',
        '  creationTimestamp: null',
        '  name: app',
        '  namespace: team',
        '',
      ].join('\n'),
    );
    // -o json keeps the Go struct's field order (kind first), map keys sorted.
    expect(h.kubectl('create cm app --from-literal=b=2 --from-literal=a=1 --dry-run=client -o json').stdout).toBe(
      `${JSON.stringify({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'app', creationTimestamp: null }, data: { a: '1', b: '2' } }, null, 4)}\n`,
    );
    expect(configMaps()).toEqual([]);
  });

  it('creates the ConfigMap from files (key: base name, or key=path) and unsplit literals', () => {
    expect(h.kubectl('create configmap app --from-file=conf/app.properties --from-file=key=conf/id_rsa --from-literal=list=a,b,c --from-literal=eq=x=y')).toEqual({
      stdout: 'configmap/app created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.core.store.get('ConfigMap', 'default', 'app')?.data).toEqual({ 'app.properties': 'color=blue\nsize=10\n', key: 'KEY', list: 'a,b,c', eq: 'x=y' });
  });

  it('--from-env-file reads key=value lines as AddFromEnvFile does', () => {
    expect(h.kubectl('create configmap game --from-env-file=game.env').stdout).toBe('configmap/game created\n');
    expect(h.core.store.get('ConfigMap', 'default', 'game')?.data).toEqual({
      LIVES: '3',
      ENEMIES: 'aliens',
      URL: 'http://x/?a=b',
      TRAILING: 'two words  ',
      EMPTY: '',
      FROM_ENV: '',
    });
  });

  it('a server dry run validates and prints without storing; --append-hash suffixes the name with hash.ConfigMapHash (sha256 of {"data":{"a":"b"},"kind":"ConfigMap","name":"app"})', () => {
    expect(h.kubectl('create configmap app --from-literal=a=b --dry-run=server').stdout).toBe('configmap/app created (server dry run)\n');
    expect(configMaps()).toEqual([]);
    expect(h.kubectl('create configmap app --from-literal=a=b --append-hash').stdout).toBe('configmap/app-tbg6h8gfdh created\n');
    expect(h.core.store.get('ConfigMap', 'default', 'app-tbg6h8gfdh')?.data).toEqual({ a: 'b' });
  });

  it('an API error comes back wrapped (`failed to create configmap: %v`)', () => {
    h.kubectl('create configmap app');
    expect(h.kubectl('create configmap app')).toEqual(failure('error: failed to create configmap: configmaps "app" already exists'));
  });

  const KEY_RULE =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
  const ENV_RULE =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
  it.each([
    ['create configmap', "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples"],
    ['create cm a b', "error: exactly one NAME is required, got 2\nSee 'kubectl create configmap -h' for help and examples"],
    ["create cm ''", 'error: name must be specified'],
    ['create cm app --type=x', "error: unknown flag: --type\nSee 'kubectl create configmap --help' for usage."],
    ['create cm app --from-env-file=game.env --from-literal=a=b', 'error: from-env-file cannot be combined with from-file or from-literal'],
    ['create cm app --from-literal=a=1 --from-literal=a=2', 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "app"'],
    ['create cm app --from-file=a=conf/id_rsa --from-literal=a=2', 'error: cannot add key "a", another key by that name already exists in Data for ConfigMap "app"'],
    ["create cm app --from-literal='a b=1'", `error: "a b" is not a valid key name for a ConfigMap: ${KEY_RULE}`],
    ['create cm app --from-literal=..a=1', `error: "..a" is not a valid key name for a ConfigMap: must not start with '..'`],
    ['create cm app --from-literal=novalue', 'error: invalid literal source novalue, expected key=value'],
    ['create cm app --from-literal==v', 'error: invalid literal source =v, expected key=value'],
    ['create cm app --from-file=missing.txt', 'error: error reading missing.txt: no such file or directory'],
    ['create cm app --from-file==conf/id_rsa', 'error: key name for file path conf/id_rsa missing'],
    ['create cm app --from-file=key=', 'error: file path for key name key missing'],
    ['create cm app --from-file=a=b=c', "error: key names or file paths cannot contain '='"],
    ['create cm app --from-env-file=bad.env', `error: "1ST" is not a valid key name: ${ENV_RULE}`],
    ['create cm app --from-env-file=dup.env', 'error: cannot add key "A", another key by that name already exists in Data for ConfigMap "app"'],
    ['create cm app --from-env-file=nope.env', 'error: error reading nope.env: no such file or directory'],
    ['create cm app -o wide', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(configMaps()).toEqual([]);
  });
});

describe('kubectl create secret generic', () => {
  it('a client dry run prints the Secret (base64 data, type only when given) and creates nothing', () => {
    expect(h.kubectl('create secret generic creds --from-literal=user=admin --from-file=ssh=conf/id_rsa --type=Opaque --dry-run=client -o yaml')).toEqual({
      stdout: [
        'apiVersion: v1',
        'data:',
        '  ssh: S0VZ',
        '  user: YWRtaW4=',
        'kind: Secret',
        'metadata:',
        '  creationTimestamp: null',
        '  name: creds',
        'type: Opaque',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl('create secret generic none --dry-run=client -o yaml').stdout).toBe(
      ['apiVersion: v1', 'kind: Secret', 'metadata:', '  creationTimestamp: null', '  name: none', ''].join('\n'),
    );
    expect(h.kubectl('create secret generic creds --from-literal=user=admin --dry-run=server').stdout).toBe('secret/creds created (server dry run)\n');
    expect(secrets()).toEqual([]);
  });

  it('creates the Secret with each value base64-encoded; --append-hash uses hash.SecretHash', () => {
    expect(h.kubectl('create secret generic game --from-env-file=game.env').stdout).toBe('secret/game created\n');
    const data = h.core.store.get('Secret', 'default', 'game')?.data as Record<string, string>;
    expect(decode(data.URL)).toBe('http://x/?a=b');
    expect(Object.keys(data).sort()).toEqual(['EMPTY', 'ENEMIES', 'FROM_ENV', 'LIVES', 'TRAILING', 'URL']);
    expect(h.kubectl('create secret generic creds --from-literal=pass=s3cr=t,x --append-hash').stdout).toBe('secret/creds-2m49722fhb created\n');
    expect(h.core.store.get('Secret', 'default', 'creds-2m49722fhb')?.data).toEqual({ pass: 'czNjcj10LHg=' });
    expect(h.kubectl('create secret generic creds --from-literal=pass=s3cr=t,x --append-hash')).toEqual(
      failure('error: failed to create secret: secrets "creds-2m49722fhb" already exists'),
    );
  });

  it.each([
    ['create secret generic', "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples"],
    ['create secret generic s --docker-server=x', "error: unknown flag: --docker-server\nSee 'kubectl create secret generic --help' for usage."],
    ['create secret generic s --from-env-file=game.env --from-file=conf/id_rsa', 'error: from-env-file cannot be combined with from-file or from-literal'],
    // Literals are added before files, and the duplicate text differs from the ConfigMap's.
    ['create secret generic s --from-file=a=conf/id_rsa --from-literal=a=2', 'error: cannot add key a, another key by that name already exists'],
    [
      "create secret generic s --from-literal='a b=1'",
      "error: \"a b\" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ],
    ['create secret generic s --from-file=missing', 'error: error reading missing: no such file or directory'],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(secrets()).toEqual([]);
  });
});

describe('kubectl create secret docker-registry', () => {
  it('builds .dockerconfigjson from the flags (default server, auth = base64 user:password)', () => {
    const out = h.kubectl('create secret docker-registry reg --docker-username=bob --docker-password=p<w> --dry-run=client -o yaml').stdout;
    const b64 = /\.dockerconfigjson: (\S+)/.exec(out)?.[1] ?? '';
    expect(out).toBe(
      [
        'apiVersion: v1',
        'data:',
        `  .dockerconfigjson: ${b64}`,
        'kind: Secret',
        'metadata:',
        '  creationTimestamp: null',
        '  name: reg',
        'type: kubernetes.io/dockerconfigjson',
        '',
      ].join('\n'),
    );
    // Go's encoding/json escapes < and > in strings; an empty email is omitted.
    expect(decode(b64)).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"bob","password":"p\\u003cw\\u003e","auth":"Ym9iOnA8dz4="}}}');
    expect(secrets()).toEqual([]);

    expect(h.kubectl('create secret docker-registry reg --docker-server=registry.example.com --docker-username=u --docker-password=p --docker-email=u@example.com').stdout).toBe(
      'secret/reg created\n',
    );
    const stored = h.core.store.get('Secret', 'default', 'reg') as unknown as { type: string; data: Record<string, string> };
    expect(stored.type).toBe('kubernetes.io/dockerconfigjson');
    expect(decode(stored.data['.dockerconfigjson'])).toBe('{"auths":{"registry.example.com":{"username":"u","password":"p","email":"u@example.com","auth":"dTpw"}}}');
  });

  it('--from-file takes the files as they are', () => {
    expect(h.kubectl('create secret docker-registry reg --from-file=.dockerconfigjson=docker.json').stdout).toBe('secret/reg created\n');
    expect(h.core.store.get('Secret', 'default', 'reg')?.data).toEqual({ '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') });
  });

  it.each([
    ['create secret docker-registry reg --docker-username=u', 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required'],
    ["create secret docker-registry reg --docker-username=u --docker-password=p --docker-server=''", 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required'],
    ['create secret docker-registry reg --from-literal=a=b', "error: unknown flag: --from-literal\nSee 'kubectl create secret docker-registry --help' for usage."],
  ])('%s → %s, nothing created', (line, stderr) => {
    expect(h.kubectl(line)).toEqual(failure(stderr));
    expect(secrets()).toEqual([]);
  });

  it('an API error is wrapped without a colon (`failed to create secret %v`)', () => {
    h.kubectl('create secret docker-registry reg --docker-username=u --docker-password=p');
    expect(h.kubectl('create secret docker-registry reg --docker-username=u --docker-password=p')).toEqual(
      failure('error: failed to create secret secrets "reg" already exists'),
    );
  });
});
