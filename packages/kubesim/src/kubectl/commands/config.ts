/**
 * `kubectl config`: reads and edits the simulated workstation's kubeconfig (`view`,
 * `current-context`, `get-contexts`, `get-clusters`, `get-users`, `use-context`, `set-context`,
 * `rename-context`, `delete-context`, `set-cluster`, `delete-cluster`, `set-credentials`,
 * `delete-user`, `set`, `unset`). Contexts set here decide the namespace and cluster of later commands.
 * @see kubectl pkg/cmd/config (one file per subcommand), client-go tools/clientcmd/api/helpers.go
 */
import { toYaml } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { clientError, goError, KubectlError, renderErrors, usageErrorf } from '../errors.js';
import { KUBECONFIG_PATH, type Kubeconfig, KubeconfigMessages, kubeconfigObject, kubeconfigOf, minify } from '../kubeconfig.js';
import { escapeHtmlJson } from '../printers/go-json.js';
import { goTemplate } from '../printers/go-template.js';
import { jsonPath } from '../printers/jsonpath.js';
import { stripQuotes } from '../printers/output.js';
import { tabwrite } from '../tabwriter.js';
import { setProperty } from './config-set.js';

/** The texts of the `config` subcommands. */
export const ConfigMessages = {
  unknownSubcommand: (sub: string) => `error: unknown command ${JSON.stringify(sub)} for "kubectl config"\nRun 'kubectl config --help' for usage.`,
  unexpectedArgs: (args: readonly string[]) => `Unexpected args: [${args.join(' ')}]`,
  contextNotFound: (name: string) => `context ${name} not found`,
  outputNotValid: (o: string) => `output must be one of '' or 'name': ${o}`,
  outputNotAvailable: (o: string) => `--output ${o} is not available in kubectl config get-contexts; resetting to default output format\n`,
  noContextWithName: (name: string) => `no context exists with the name: ${JSON.stringify(name)}`,
  emptyContextName: 'empty context names are not allowed',
  contextSwitched: (name: string) => `Switched to context ${JSON.stringify(name)}.\n`,
  nameOrCurrent: 'you must specify a non-empty context name or --current',
  nameAndCurrent: 'you cannot specify both a context name and --current',
  noCurrentContext: 'no current context is set',
  contextModified: (name: string) => `Context ${JSON.stringify(name)} modified.\n`,
  contextCreated: (name: string) => `Context ${JSON.stringify(name)} created.\n`,
  newNameEmpty: 'You must specify a new non-empty context name',
  cannotRename: (from: string, file: string) => `cannot rename the context ${JSON.stringify(from)}, it's not in ${file}`,
  renameTargetExists: (from: string, to: string, file: string) => `cannot rename the context ${JSON.stringify(from)}, the context ${JSON.stringify(to)} already exists in ${file}`,
  renamed: (from: string, to: string) => `Context ${JSON.stringify(from)} renamed to ${JSON.stringify(to)}.\n`,
  cannotDelete: (what: string, name: string, file: string) => `cannot delete ${what} ${name}, not in ${file}`,
  deleted: (what: string, name: string, file: string) => `deleted ${what} ${name} from ${file}\n`,
  removedActiveContext: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
  clusterSet: (name: string) => `Cluster ${JSON.stringify(name)} set.\n`,
  userSet: (name: string) => `User ${JSON.stringify(name)} set.\n`,
  clusterNameEmpty: 'you must specify a non-empty cluster name',
  userNameEmpty: 'you must specify a non-empty user name',
  unexpectedViewArgs: (args: readonly string[]) => `unexpected arguments: [${args.join(' ')}]`,
} as const;
const M = ConfigMessages;

/** `helpErrorf`: kubectl prints the subcommand's help (not emulated) and then the error. */
function helpError(args: readonly string[]): KubectlError {
  return clientError(M.unexpectedArgs(args));
}

/** Names of a map in the order Go's sorted `kubectl config` listings print them. */
function sortedNames(m: ReadonlyMap<string, unknown>): string[] {
  return [...m.keys()].sort();
}

function view(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length > 0) throw usageErrorf('kubectl config view', M.unexpectedViewArgs(args));
  const shown = inv.args.bool('minify') ? minify(cfg, inv.args.string('context')) : cfg;
  const obj = kubeconfigObject(shown, inv.args.bool('raw') || inv.args.bool('flatten'));
  const output = inv.args.string('output') || 'yaml';
  const [format, ...rest] = output.split('=');
  const arg = stripQuotes(rest.join('='));
  switch (format) {
    case 'yaml':
      inv.out(toYaml(obj));
      return 0;
    case 'json':
      // The typed v1 Config: Go's encoder writes its fields in struct order.
      inv.out(`${escapeHtmlJson(JSON.stringify(obj, null, 4))}\n`);
      return 0;
    case 'jsonpath':
      inv.out(jsonPath(arg, obj));
      return 0;
    case 'go-template':
    case 'template':
      if (!arg) throw clientError('template format specified but no template given');
      inv.out(goTemplate(arg, obj));
      return 0;
    case 'name':
      throw clientError('kubesim does not model -o name for kubectl config view');
    default:
      throw clientError(
        `unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
      );
  }
}

function getContexts(inv: Invocation, cfg: Kubeconfig, names: readonly string[]): number {
  let output = inv.args.string('output');
  if (!['', 'json', 'yaml', 'wide', 'name', 'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'jsonpath', 'jsonpath-file'].includes(output)) {
    throw clientError(M.outputNotValid(output));
  }
  if (output !== '' && output !== 'name') {
    inv.out(M.outputNotAvailable(output));
    output = '';
  }
  const nameOnly = output === 'name';
  const errors: KubectlError[] = [];
  const toPrint: string[] = [];
  if (names.length === 0) toPrint.push(...cfg.contexts.keys());
  for (const name of names) {
    if (cfg.contexts.has(name)) toPrint.push(name);
    else errors.push(goError(M.contextNotFound(name)));
  }
  toPrint.sort();
  const lines: string[] = [];
  if (!nameOnly && !inv.args.bool('no-headers')) lines.push('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE');
  for (const name of toPrint) {
    const c = cfg.contexts.get(name);
    if (!c) continue;
    lines.push(nameOnly ? name : `${cfg.currentContext === name ? '*' : ' '}\t${name}\t${c.cluster}\t${c.user}\t${c.namespace ?? ''}`);
  }
  if (lines.length > 0) inv.out(nameOnly ? `${lines.join('\n')}\n` : tabwrite(`${lines.join('\n')}\n`, 3, 6));
  if (errors.length > 0) throw new KubectlError(renderErrors(errors));
  return 0;
}

function useContext(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length !== 1) throw helpError(args);
  const name = args[0];
  if (!name) throw clientError(M.emptyContextName);
  if (!cfg.contexts.has(name)) throw clientError(M.noContextWithName(name));
  cfg.currentContext = name;
  inv.out(M.contextSwitched(name));
  return 0;
}

function setContext(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length > 1) throw helpError(args);
  const current = inv.args.bool('current');
  let name = args[0] ?? '';
  if (!name && !current) throw clientError(M.nameOrCurrent);
  if (name && current) throw clientError(M.nameAndCurrent);
  if (current) {
    if (!cfg.currentContext) throw clientError(M.noCurrentContext);
    name = cfg.currentContext;
  }
  const existing = cfg.contexts.get(name);
  const context = existing ? { ...existing } : { cluster: '', user: '' };
  if (inv.args.has('cluster')) context.cluster = inv.args.string('cluster');
  if (inv.args.has('user')) context.user = inv.args.string('user');
  if (inv.args.has('namespace')) {
    const ns = inv.args.string('namespace');
    if (ns) context.namespace = ns;
    else delete context.namespace;
  }
  cfg.contexts.set(name, context);
  inv.out(existing ? M.contextModified(name) : M.contextCreated(name));
  return 0;
}

function renameContext(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length !== 2) throw helpError(args);
  const [from, to] = args;
  if (!to) throw clientError(M.newNameEmpty);
  const context = cfg.contexts.get(from);
  if (!context) throw clientError(M.cannotRename(from, KUBECONFIG_PATH));
  if (cfg.contexts.has(to)) throw clientError(M.renameTargetExists(from, to, KUBECONFIG_PATH));
  cfg.contexts.set(to, context);
  cfg.contexts.delete(from);
  if (cfg.currentContext === from) cfg.currentContext = to;
  inv.out(M.renamed(from, to));
  return 0;
}

/** `delete-context`, `delete-cluster`, `delete-user`: without exactly one name kubectl prints the help and succeeds. */
function deleteEntry(inv: Invocation, cfg: Kubeconfig, what: 'context' | 'cluster' | 'user', args: readonly string[]): number {
  if (args.length !== 1) {
    inv.out(`kubesim emulates "kubectl config delete-${what}" but not its help text: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_config/kubectl_config_delete-${what}/\n`);
    return 0;
  }
  const name = args[0];
  const map: Map<string, unknown> = what === 'context' ? cfg.contexts : what === 'cluster' ? cfg.clusters : cfg.users;
  if (!map.has(name)) throw clientError(M.cannotDelete(what, name, KUBECONFIG_PATH));
  if (what === 'context' && cfg.currentContext === name) inv.err(M.removedActiveContext);
  map.delete(name);
  inv.out(M.deleted(what, name, KUBECONFIG_PATH));
  return 0;
}

function setCluster(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length !== 1) throw helpError(args);
  const name = args[0];
  if (!name) throw clientError(M.clusterNameEmpty);
  const cluster = { ...(cfg.clusters.get(name) ?? { server: '' }) };
  if (inv.args.has('server')) cluster.server = inv.args.string('server');
  if (inv.args.has('tls-server-name')) cluster.tlsServerName = inv.args.string('tls-server-name') || undefined;
  if (inv.args.has('insecure-skip-tls-verify')) {
    cluster.insecureSkipTlsVerify = inv.args.bool('insecure-skip-tls-verify');
    // Skipping verification clears the CA (`modifyCluster`).
    if (cluster.insecureSkipTlsVerify) delete cluster.certificateAuthorityData;
  }
  cfg.clusters.set(name, cluster);
  inv.out(M.clusterSet(name));
  return 0;
}

function setCredentials(inv: Invocation, cfg: Kubeconfig, args: readonly string[]): number {
  if (args.length !== 1) throw helpError(args);
  const name = args[0];
  if (!name) throw clientError(M.userNameEmpty);
  const user = { ...(cfg.users.get(name) ?? {}) };
  for (const field of ['token', 'username', 'password'] as const) {
    if (!inv.args.has(field)) continue;
    const v = inv.args.string(field);
    if (v) user[field] = v;
    else delete user[field];
  }
  cfg.users.set(name, user);
  inv.out(M.userSet(name));
  return 0;
}

/** `kubectl config SUBCOMMAND`. */
export const configCommand: Command = {
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'current', type: 'bool' },
    { name: 'server', type: 'string' },
    { name: 'tls-server-name', type: 'string' },
    { name: 'insecure-skip-tls-verify', type: 'bool' },
    { name: 'token', type: 'string' },
    { name: 'username', type: 'string' },
    { name: 'password', type: 'string' },
    { name: 'set-raw-bytes', type: 'bool' },
  ],
  run(inv) {
    const [sub, ...args] = inv.args.args;
    const cfg = kubeconfigOf(inv.ctx);
    switch (sub) {
      case 'view':
        return view(inv, cfg, args);
      case 'current-context':
        if (!cfg.currentContext) throw clientError(KubeconfigMessages.currentContextNotSet);
        inv.out(`${cfg.currentContext}\n`);
        return 0;
      case 'get-contexts':
        return getContexts(inv, cfg, args);
      case 'get-clusters':
        inv.out(`NAME\n${sortedNames(cfg.clusters).map((n) => `${n}\n`).join('')}`);
        return 0;
      case 'get-users':
        inv.out(`NAME\n${sortedNames(cfg.users).map((n) => `${n}\n`).join('')}`);
        return 0;
      case 'use-context':
      case 'use':
        return useContext(inv, cfg, args);
      case 'set-context':
        return setContext(inv, cfg, args);
      case 'rename-context':
        return renameContext(inv, cfg, args);
      case 'delete-context':
        return deleteEntry(inv, cfg, 'context', args);
      case 'delete-cluster':
        return deleteEntry(inv, cfg, 'cluster', args);
      case 'delete-user':
        return deleteEntry(inv, cfg, 'user', args);
      case 'set-cluster':
        return setCluster(inv, cfg, args);
      case 'set-credentials':
        return setCredentials(inv, cfg, args);
      case 'set': {
        if (args.length !== 2) throw helpError(args);
        // `--set-raw-bytes`: a []byte value is the string itself, not base64 to decode.
        const raw = inv.args.bool('set-raw-bytes') && args[0].endsWith('-data') ? Buffer.from(args[1]).toString('base64') : args[1];
        inv.out(setProperty(cfg, args[0], raw));
        return 0;
      }
      case 'unset':
        if (args.length !== 1) throw helpError(args);
        inv.out(setProperty(cfg, args[0], undefined));
        return 0;
      default:
        throw new KubectlError(M.unknownSubcommand(sub ?? ''));
    }
  },
};
