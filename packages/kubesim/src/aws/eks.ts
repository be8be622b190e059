/**
 * `aws eks` for the simulated cluster: `update-kubeconfig` (the AWS CLI customization that writes
 * the cluster, user and context into the workstation's kubeconfig, which kubectl then reads) and
 * `list-clusters`.
 * @see aws-cli awscli/customizations/eks/update_kubeconfig.py, kubeconfig.py (KubeconfigAppender);
 *   Amazon EKS API reference DescribeCluster, ListClusters
 */
import { toYaml } from '@kubesim/core';
import { type EksClusterIdentity, eksClusterArn, KUBECONFIG_PATH, Kubeconfig, type KubeconfigUser } from '../kubectl/kubeconfig.js';
import { type Ec2Command, str } from './ec2-volumes.js';
import { ServiceError } from './errors.js';
import type { Json } from './jmespath.js';

/** The EKS cluster as `aws eks` sees it. */
export interface EksCluster {
  readonly identity: () => EksClusterIdentity;
  /** The workstation's kubeconfig (the one kubectl reads). */
  readonly kubeconfig: () => Kubeconfig;
}

/** The texts of `aws eks`. */
export const EksMessages = {
  clusterNotFound: (name: string) => `No cluster found for name: ${name}.`,
  added: (context: string) => `Added new context ${context} to ${KUBECONFIG_PATH}\n`,
  updated: (context: string) => `Updated context ${context} in ${KUBECONFIG_PATH}\n`,
  otherKubeconfig: (path: string) => `kubesim keeps one kubeconfig, ${KUBECONFIG_PATH}; --kubeconfig ${path} is not modelled`,
} as const;

/** The cluster named `name` in the CLI's region, or DescribeCluster's ResourceNotFoundException. */
function describe(eks: EksCluster | undefined, name: string, foreign: boolean): EksClusterIdentity {
  const id = eks?.identity();
  if (!id || foreign || id.name !== name) throw new ServiceError('ResourceNotFoundException', EksMessages.clusterNotFound(name));
  return id;
}

/** An exec user entry as `update-kubeconfig` writes it (kubectl adds `interactiveMode` on load). */
function userEntry(id: EksClusterIdentity, roleArn: string | undefined): KubeconfigUser {
  return {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['--region', id.region, 'eks', 'get-token', '--cluster-name', id.name, '--output', 'json', ...(roleArn ? ['--role', roleArn] : [])],
      interactiveMode: 'IfAvailable',
    },
  };
}

/** The entries as the CLI's ordered YAML dump prints them (`--verbose`, `--dry-run`). */
function entries(cfg: Kubeconfig, names: { context: string; user: string; cluster: string }): Record<string, Record<string, unknown>> {
  const c = cfg.contexts.get(names.context);
  const u = cfg.users.get(names.user)?.exec;
  const k = cfg.clusters.get(names.cluster);
  return {
    context: { context: { cluster: c?.cluster, user: c?.user }, name: names.context },
    user: { name: names.user, user: { exec: { apiVersion: u?.apiVersion, args: u?.args, command: u?.command } } },
    cluster: { cluster: { 'certificate-authority-data': k?.certificateAuthorityData, server: k?.server }, name: names.cluster },
  };
}

/** The whole kubeconfig as the CLI dumps it (`--dry-run`). */
function dump(cfg: Kubeconfig): string {
  const byName = <T>(m: Map<string, T>) => [...m.keys()].map((name) => [name, m.get(name) as T] as const);
  return toYaml({
    apiVersion: 'v1',
    clusters: byName(cfg.clusters).map(([name, c]) => ({
      cluster: { ...(c.certificateAuthorityData ? { 'certificate-authority-data': c.certificateAuthorityData } : {}), server: c.server },
      name,
    })),
    contexts: byName(cfg.contexts).map(([name, c]) => ({ context: { cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}), user: c.user }, name })),
    'current-context': cfg.currentContext,
    kind: 'Config',
    preferences: {},
    users: byName(cfg.users).map(([name, u]) => ({
      name,
      user: {
        ...(u.token ? { token: u.token } : {}),
        ...(u.username ? { username: u.username } : {}),
        ...(u.password ? { password: u.password } : {}),
        ...(u.exec ? { exec: { apiVersion: u.exec.apiVersion, args: u.exec.args, command: u.exec.command } } : {}),
      },
    })),
  });
}

/** A copy of `cfg` (for `--dry-run`, which changes nothing). */
function copy(cfg: Kubeconfig): Kubeconfig {
  const out = new Kubeconfig();
  for (const [k, v] of cfg.clusters) out.clusters.set(k, v);
  for (const [k, v] of cfg.users) out.users.set(k, v);
  for (const [k, v] of cfg.contexts) out.contexts.set(k, v);
  out.currentContext = cfg.currentContext;
  return out;
}

/** The `aws eks` commands by CLI name. `update-kubeconfig` returns the text it prints. */
export const EKS_COMMANDS: Readonly<Record<string, Ec2Command>> = {
  'update-kubeconfig': {
    operation: 'DescribeCluster',
    prints: true,
    params: [
      { name: 'name', kind: 'string', required: true },
      { name: 'kubeconfig', kind: 'string' },
      { name: 'role-arn', kind: 'string' },
      { name: 'dry-run', kind: 'boolean' },
      { name: 'verbose', kind: 'boolean' },
      { name: 'alias', kind: 'string' },
      { name: 'user-alias', kind: 'string' },
    ],
    run(ctx, args, foreign) {
      const id = describe(ctx.eks, str(args, 'name') ?? '', foreign);
      const path = str(args, 'kubeconfig');
      if (path !== undefined && path !== KUBECONFIG_PATH && path !== '~/.kube/config') throw new ServiceError('InvalidParameterException', EksMessages.otherKubeconfig(path));
      const live = (ctx.eks as EksCluster).kubeconfig();
      const dryRun = args.params.get('dry-run') === true;
      const cfg = dryRun ? copy(live) : live;
      const arn = eksClusterArn(id);
      const updating = cfg.clusters.has(arn);
      const user = str(args, 'user-alias') || arn;
      const context = str(args, 'alias') || user;
      // KubeconfigAppender: each entry replaces the one of the same name whole.
      cfg.clusters.set(arn, { server: id.endpoint, certificateAuthorityData: id.certificateAuthorityData });
      cfg.users.set(user, userEntry(id, str(args, 'role-arn')));
      cfg.contexts.set(context, { cluster: arn, user });
      cfg.currentContext = context;
      if (dryRun) return dump(cfg);
      let text = updating ? EksMessages.updated(context) : EksMessages.added(context);
      if (args.params.get('verbose') === true) {
        const e = entries(cfg, { context, user, cluster: arn });
        text += `Entries:\n\n${[e.context, e.user, e.cluster].map((x) => `${toYaml(x)}\n`).join('')}`;
      }
      return text;
    },
  },
  'list-clusters': {
    operation: 'ListClusters',
    params: [
      { name: 'max-results', kind: 'integer' },
      { name: 'include', kind: 'list' },
    ],
    run(ctx, _args, foreign): Json {
      const id = ctx.eks?.identity();
      return { clusters: id && !foreign ? [id.name] : [] };
    },
  },
};
