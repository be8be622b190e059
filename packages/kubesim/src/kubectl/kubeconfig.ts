/**
 * The workstation's kubeconfig (client-go's `clientcmdapi.Config`): clusters, users and contexts
 * by name and the current context, as `aws eks update-kubeconfig` writes it for the simulated
 * cluster; `kubectl config` edits it, and every command that talks to the API server resolves its
 * context, namespace and server from it (with `--context`, `--cluster`, `--user`, `-n`) the way
 * client-go's `DirectClientConfig` does, with its errors.
 * @remarks kubesim never reads or writes the real `~/.kube/config`: the kubeconfig lives with the
 * simulated cluster. Only the simulated cluster's API server answers; a context that points
 * elsewhere gets the connection error kubectl prints (its discovery retries' log lines are not
 * reproduced).
 * @see client-go tools/clientcmd/api/types.go, api/v1/types.go, client_config.go, validation.go;
 *   aws-cli customizations/eks/update_kubeconfig.py
 */
import { type CoreCluster, type Rng, serviceAccountTokenIssuer } from '@kubesim/core';
import { AWS_ACCOUNT_ID } from '@kubesim/storage';
import type { KubectlContext } from './context.js';
import type { ParsedArgs } from './flags.js';
import { KubectlError } from './errors.js';

/** The texts of client-go's clientcmd, kubectl's `config` commands and its connection errors. */
export const KubeconfigMessages = {
  errorInConfiguration: 'Error in configuration: ',
  contextNotFound: (name: string) => `context was not found for specified context: ${name}`,
  contextDoesNotExist: (name: string) => `context ${JSON.stringify(name)} does not exist`,
  clusterDoesNotExist: (name: string) => `cluster ${JSON.stringify(name)} does not exist`,
  authInfoDoesNotExist: (name: string) => `auth info ${JSON.stringify(name)} does not exist`,
  execCommandMissing: (user: string) => `command must be specified for ${user} to use exec authentication plugin`,
  execApiVersionMissing: (user: string) => `apiVersion must be specified for ${user} to use exec authentication plugin`,
  execInteractiveModeMissing: (user: string) => `interactiveMode must be specified for ${user} to use exec authentication plugin`,
  execInteractiveModeInvalid: (user: string, mode: string) => `invalid interactiveMode for ${user}: ${JSON.stringify(mode)}`,
  moreThanOneAuthMethod: (user: string, methods: readonly string[]) => `more than one authentication method found for ${user}; found [${methods.join(' ')}], only one is allowed`,
  connectionRefused: (host: string) => `The connection to the server ${host} was refused - did you specify the right host or port?`,
  unableToConnect: (err: string) => `Unable to connect to the server: ${err}`,
  currentContextNotSet: 'current-context is not set',
  minifyNeedsCurrentContext: 'current-context must exist in order to minify',
  cannotLocateContext: (name: string) => `cannot locate context ${name}`,
  cannotLocateCluster: (name: string) => `cannot locate cluster ${name}`,
  cannotLocateUser: (name: string) => `cannot locate user ${name}`,
  dataOmitted: 'DATA+OMITTED',
  redacted: 'REDACTED',
} as const;
const M = KubeconfigMessages;

/** Label of the RNG stream of the cluster CA's bytes. */
export const CLUSTER_CA_RNG = 'eks/cluster-ca';

/** The cluster name a kubectl context without one presents (`createCluster`'s default). */
export const DEFAULT_CLUSTER_NAME = 'kubesim';

/**
 * base64 of the cluster CA's PEM, as `certificate-authority-data` holds it. The body is random
 * bytes of a 2048-bit RSA certificate's size from the cluster's own stream: it reads like an EKS
 * CA, but it is not a certificate anything could parse.
 */
export function clusterCaData(rng: Rng): string {
  const der = new Uint8Array(1066);
  for (let i = 0; i < der.length; i++) der[i] = rng.int(0, 255);
  // A DER SEQUENCE of that length, as every certificate starts.
  der.set([0x30, 0x82, 0x04, 0x26], 0);
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n');
  return Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`).toString('base64');
}

const kubeconfigs = new WeakMap<CoreCluster, Kubeconfig>();

/**
 * The kubeconfig of `ctx`'s workstation: made at first use as `aws eks update-kubeconfig` writes it
 * for the cluster (named `ctx.clusterName`, in its region, with its API server endpoint).
 */
export function kubeconfigOf(ctx: KubectlContext): Kubeconfig {
  let cfg = kubeconfigs.get(ctx.core);
  if (!cfg) {
    cfg = eksKubeconfig(eksIdentity(ctx.core, ctx.clusterName ?? DEFAULT_CLUSTER_NAME));
    kubeconfigs.set(ctx.core, cfg);
  }
  return cfg;
}

/** What EKS's DescribeCluster tells of the simulated cluster named `name`. */
export function eksIdentity(core: CoreCluster, name: string): EksClusterIdentity {
  return {
    name,
    region: core.cloud?.region ?? 'us-east-1',
    accountId: AWS_ACCOUNT_ID,
    endpoint: serviceAccountTokenIssuer(core).endpoint,
    certificateAuthorityData: clusterCaData(core.rng.fork(CLUSTER_CA_RNG)),
  };
}

/** `clientcmdapi.Cluster`: how to reach an API server. */
export interface KubeconfigCluster {
  server: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  /** base64 of the PEM CA bundle (`certificate-authority-data`). */
  certificateAuthorityData?: string;
}

/** `clientcmdapi.ExecConfig`: the credential plugin a user runs (`aws eks get-token`). */
export interface KubeconfigExec {
  apiVersion: string;
  command: string;
  args: string[];
  /** `interactiveMode` (defaulted to `IfAvailable` for v1beta1 plugins on load). */
  interactiveMode: string;
}

/** `clientcmdapi.AuthInfo`: who the client is. */
export interface KubeconfigUser {
  token?: string;
  username?: string;
  password?: string;
  exec?: KubeconfigExec;
}

/** `clientcmdapi.Context`: a cluster, a user and a default namespace. */
export interface KubeconfigContext {
  cluster: string;
  user: string;
  namespace?: string;
}

/** The simulated workstation's default kubeconfig file (`clientcmd.RecommendedHomeFile`, HOME=/root). */
export const KUBECONFIG_PATH = '/root/.kube/config';

/** client-go's `ClusterDefaults` server (`getDefaultServer` without KUBERNETES_MASTER). */
export const DEFAULT_SERVER = 'http://localhost:8080';

/** The whole kubeconfig (`clientcmdapi.Config`). Maps keep insertion order; output sorts by name. */
export class Kubeconfig {
  readonly clusters = new Map<string, KubeconfigCluster>();
  readonly users = new Map<string, KubeconfigUser>();
  readonly contexts = new Map<string, KubeconfigContext>();
  currentContext = '';
}

/** What `aws eks update-kubeconfig` needs to know about the cluster. */
export interface EksClusterIdentity {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  /** `https://<id>.gr7.<region>.eks.amazonaws.com`. */
  readonly endpoint: string;
  /** base64 of the cluster CA's PEM. */
  readonly certificateAuthorityData: string;
}

/** The EKS cluster's ARN, which `update-kubeconfig` uses as cluster, user and context name. */
export function eksClusterArn(id: Pick<EksClusterIdentity, 'name' | 'region' | 'accountId'>): string {
  return `arn:aws:eks:${id.region}:${id.accountId}:cluster/${id.name}`;
}

/** The kubeconfig `aws eks update-kubeconfig --name NAME --region REGION` writes (AWS CLI v2). */
export function eksKubeconfig(id: EksClusterIdentity): Kubeconfig {
  const arn = eksClusterArn(id);
  const cfg = new Kubeconfig();
  cfg.clusters.set(arn, { server: id.endpoint, certificateAuthorityData: id.certificateAuthorityData });
  cfg.users.set(arn, {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['--region', id.region, 'eks', 'get-token', '--cluster-name', id.name, '--output', 'json'],
      interactiveMode: 'IfAvailable',
    },
  });
  cfg.contexts.set(arn, { cluster: arn, user: arn });
  cfg.currentContext = arn;
  return cfg;
}

/** The `--context`, `--cluster`, `--user` and `-n` flags of one invocation (`ConfigOverrides`). */
export interface KubeconfigOverrides {
  readonly context?: string;
  readonly cluster?: string;
  readonly user?: string;
  readonly namespace?: string;
}

/** What one invocation talks to. */
export interface ClientConfig {
  /** The namespace in effect: `-n`, else the context's, else `default`. */
  readonly namespace: string;
  /** Whether `-n` set it (kubectl's `enforceNamespace`). */
  readonly namespaceOverridden: boolean;
  /** The server of the resolved cluster. */
  readonly server: string;
}

/** A kubeconfig error as kubectl's `checkErr` prints it (`Error in configuration: …` or `error: …`). */
export class KubeconfigError extends KubectlError {}

/** `errConfigurationInvalid` through `MultilineError("Error in configuration: ", err)`. */
function invalidConfiguration(errors: readonly string[]): KubeconfigError {
  if (errors.length === 1) return new KubeconfigError(`${M.errorInConfiguration}${errors[0]}`);
  return new KubeconfigError(`${M.errorInConfiguration}\n${errors.map((e) => `* ${e}`).join('\n')}`);
}

/** `validateAuthInfo`, for the fields kubesim models. */
function validateAuthInfo(name: string, u: KubeconfigUser): string[] {
  const errors: string[] = [];
  const methods: string[] = [];
  if (u.token) methods.push('token');
  if (u.username || u.password) methods.push('basicAuth');
  if (u.exec) {
    if (!u.exec.command) errors.push(M.execCommandMissing(name));
    if (!u.exec.apiVersion) errors.push(M.execApiVersionMissing(name));
    if (!['Never', 'IfAvailable', 'Always'].includes(u.exec.interactiveMode)) errors.push(u.exec.interactiveMode ? M.execInteractiveModeInvalid(name, u.exec.interactiveMode) : M.execInteractiveModeMissing(name));
  }
  if (methods.length > 1) errors.push(M.moreThanOneAuthMethod(name, methods));
  return errors;
}

/**
 * Resolves one invocation's namespace and server like kubectl: `Namespace()` (which confirms the
 * context is usable unless `-n` is given) and then `ClientConfig()` (which requires a context,
 * cluster or user named by a flag to exist). Throws the error kubectl prints.
 */
export function resolveClientConfig(cfg: Kubeconfig, o: KubeconfigOverrides): ClientConfig {
  const contextName = o.context || cfg.currentContext;
  const context = cfg.contexts.get(contextName);
  const userName = o.user || context?.user || '';
  const clusterName = o.cluster || context?.cluster || '';
  const user = cfg.users.get(userName) ?? {};
  // ClusterDefaults under the named cluster: a cluster that is not there (or has no server) talks to localhost:8080.
  const cluster: KubeconfigCluster = { ...cfg.clusters.get(clusterName), server: cfg.clusters.get(clusterName)?.server || DEFAULT_SERVER };
  const confirmUsable = () => {
    const errors: string[] = [];
    if (contextName && !context) errors.push(M.contextNotFound(contextName));
    errors.push(...validateAuthInfo(userName, user));
    if (errors.length > 0) throw invalidConfiguration(errors);
  };
  let namespace = o.namespace ?? '';
  if (!namespace) {
    confirmUsable();
    namespace = context?.namespace || 'default';
  }
  if (o.user && !cfg.users.has(o.user)) throw new KubeconfigError(`error: ${M.authInfoDoesNotExist(o.user)}`);
  if (o.context && !context) throw new KubeconfigError(`error: ${M.contextDoesNotExist(o.context)}`);
  if (o.cluster && !cfg.clusters.has(o.cluster)) throw new KubeconfigError(`error: ${M.clusterDoesNotExist(o.cluster)}`);
  confirmUsable();
  return { namespace, namespaceOverridden: Boolean(o.namespace), server: cluster.server };
}

/** `url.Parse(server).Host` with the scheme's port when absent, as Go's dialer names it. */
function hostPort(server: string): { host: string; port: string; hostname: string } {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#]*)/i.exec(server);
  const scheme = (m?.[1] ?? 'https').toLowerCase();
  const host = m?.[2] ?? '';
  const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
  const hostname = pm?.[1] ?? host;
  const port = pm?.[2] || (scheme === 'http' ? '80' : '443');
  return { host, port, hostname };
}

/**
 * The error a client gets from `server` when it is not the simulated API server: nothing listens
 * on the workstation (connection refused, as kubectl words it), other names do not resolve, and
 * other addresses do not answer.
 */
export function unreachableServerError(server: string): KubeconfigError {
  const { host, port, hostname } = hostPort(server);
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || /^127\./.test(bare) || bare === '::1' || bare === '') return new KubeconfigError(M.connectionRefused(host || `localhost:${port}`));
  if (/^[\d.]+$/.test(bare) || bare.includes(':')) return new KubeconfigError(M.unableToConnect(`dial tcp ${hostname}:${port}: i/o timeout`));
  return new KubeconfigError(M.unableToConnect(`dial tcp: lookup ${bare}: no such host`));
}

/** Whether `server` names the simulated cluster's endpoint (an explicit :443 or a trailing slash allowed). */
export function isServer(server: string, endpoint: string): boolean {
  const norm = (s: string) => s.replace(/\/+$/, '').replace(/^(https:\/\/[^/:]+):443$/i, '$1').toLowerCase();
  return norm(server) === norm(endpoint);
}

/** A v1 `Config` object as `kubectl config view` prints it (`ShortenConfig` unless `raw`). */
export function kubeconfigObject(cfg: Kubeconfig, raw: boolean): Record<string, unknown> {
  const byName = <T>(m: Map<string, T>) => [...m.keys()].sort().map((name) => [name, m.get(name) as T] as const);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: byName(cfg.clusters).map(([name, c]) => ({
      name,
      cluster: {
        server: c.server,
        ...(c.tlsServerName ? { 'tls-server-name': c.tlsServerName } : {}),
        ...(c.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
        ...(c.certificateAuthorityData ? { 'certificate-authority-data': raw ? c.certificateAuthorityData : M.dataOmitted } : {}),
      },
    })),
    users: byName(cfg.users).map(([name, u]) => ({
      name,
      user: {
        ...(u.token ? { token: raw ? u.token : M.redacted } : {}),
        ...(u.username ? { username: u.username } : {}),
        ...(u.password ? { password: u.password } : {}),
        ...(u.exec
          ? {
              exec: {
                command: u.exec.command,
                args: u.exec.args.length > 0 ? [...u.exec.args] : null,
                env: null,
                ...(u.exec.apiVersion ? { apiVersion: u.exec.apiVersion } : {}),
                provideClusterInfo: false,
                ...(u.exec.interactiveMode ? { interactiveMode: u.exec.interactiveMode } : {}),
              },
            }
          : {}),
      },
    })),
    contexts: byName(cfg.contexts).map(([name, c]) => ({ name, context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
    'current-context': cfg.currentContext,
  };
}

/** `MinifyConfig`: only the current context, its cluster and its user. */
export function minify(cfg: Kubeconfig, contextOverride?: string): Kubeconfig {
  const name = contextOverride || cfg.currentContext;
  if (!name) throw new KubeconfigError(`error: ${M.minifyNeedsCurrentContext}`);
  const context = cfg.contexts.get(name);
  if (!context) throw new KubeconfigError(`error: ${M.cannotLocateContext(name)}`);
  const out = new Kubeconfig();
  out.currentContext = name;
  out.contexts.set(name, { ...context });
  if (context.cluster) {
    const cluster = cfg.clusters.get(context.cluster);
    if (!cluster) throw new KubeconfigError(`error: ${M.cannotLocateCluster(context.cluster)}`);
    out.clusters.set(context.cluster, { ...cluster });
  }
  if (context.user) {
    const user = cfg.users.get(context.user);
    if (!user) throw new KubeconfigError(`error: ${M.cannotLocateUser(context.user)}`);
    out.users.set(context.user, { ...user });
  }
  return out;
}

/** Commands that never talk to the API server (`version` talks to it only for the server's line). */
const OFFLINE_COMMANDS = new Set(['config', 'kustomize', 'version']);

/**
 * Resolves the kubeconfig for one invocation of `command` and checks that its server is the
 * simulated cluster's; throws what kubectl prints otherwise. Client-side dry runs of `create` and
 * `run` only print, so they need the namespace but no server.
 */
export function connect(ctx: KubectlContext, command: string, args: ParsedArgs): ClientConfig | undefined {
  if (OFFLINE_COMMANDS.has(command) && !(command === 'version' && !args.bool('client'))) return undefined;
  const client = resolveClientConfig(kubeconfigOf(ctx), { context: args.string('context'), cluster: args.string('cluster'), user: args.string('user'), namespace: args.string('namespace') });
  const printsOnly = (command === 'create' || command === 'run') && args.string('dry-run') === 'client';
  if (!printsOnly && !isServer(client.server, serviceAccountTokenIssuer(ctx.core).endpoint)) throw unreachableServerError(client.server);
  return client;
}
