/**
 * Small commands: `version`, `api-resources`, `api-versions`, `auth can-i`,
 * `top` (no metrics API).
 * @see kubectl pkg/cmd/version, pkg/cmd/apiresources, pkg/cmd/auth/cani.go, pkg/cmd/config, pkg/cmd/top
 */
import { apiVersionOf } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { clientError, KubectlError, usageErrorf } from '../errors.js';
import { connect } from '../kubeconfig.js';
import { tabwrite } from '../tabwriter.js';

/** kubectl's version (client). */
export const CLIENT_VERSION = 'v1.33.1';
/** Kustomize bundled with kubectl 1.33. */
export const KUSTOMIZE_VERSION = 'v5.6.0';
/** The EKS control plane's version string. */
export const SERVER_VERSION = 'v1.33.1-eks-7308294';

/** `kubectl version`. */
export const versionCommand: Command = {
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }],
  run(inv) {
    const output = inv.args.string('output');
    // `Validate`; the json and yaml forms carry build details (commit, build date, Go version) of
    // the EKS server that kubesim does not know, so they are refused rather than made up.
    if (output !== '' && output !== 'yaml' && output !== 'json') throw clientError("--output must be 'yaml' or 'json'");
    if (output !== '') throw clientError(`kubesim does not model "kubectl version -o ${output}" (the EKS server's build details are not known); use kubectl version`);
    inv.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    // The client's lines come first; then the server is asked (or the kubeconfig's error printed).
    inv.client = connect(inv.ctx, 'version', inv.args);
    if (inv.client) inv.out(`Server Version: ${SERVER_VERSION}\n`);
    return 0;
  },
};

/** `Complete`'s check of commands that take no arguments (`unexpected arguments: [a b]`). */
function rejectArguments(inv: Invocation): void {
  const args = [...inv.args.args, ...inv.args.rest];
  if (args.length > 0) throw usageErrorf(inv.path, `unexpected arguments: [${args.join(' ')}]`);
}

/** `kubectl api-resources`. */
export const apiResourcesCommand: Command = {
  flags: [
    { name: 'namespaced', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ],
  run(inv) {
    rejectArguments(inv);
    const rows = inv.ctx.core.kinds
      .all()
      .filter((k) => !inv.args.has('namespaced') || String(k.namespaced) === inv.args.string('namespaced'))
      .filter((k) => !inv.args.has('api-group') || k.group === inv.args.string('api-group'))
      .sort((a, b) => (a.group === b.group ? a.resource.localeCompare(b.resource) : a.group.localeCompare(b.group)));
    if (inv.args.string('output') === 'name') {
      inv.out(rows.map((k) => `${k.group ? `${k.resource}.${k.group}` : k.resource}\n`).join(''));
      return 0;
    }
    const lines = inv.args.bool('no-headers') ? [] : ['NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND'];
    for (const k of rows) lines.push([k.resource, k.shortNames.join(','), apiVersionOf(k), String(k.namespaced), k.kind].join('\t'));
    inv.out(tabwrite(`${lines.join('\n')}\n`, 3, 6));
    return 0;
  },
};

/** `kubectl api-versions`: the group/versions the server serves, sorted. */
export const apiVersionsCommand: Command = {
  flags: [],
  run(inv) {
    rejectArguments(inv);
    const versions = new Set(inv.ctx.core.kinds.all().map((k) => apiVersionOf(k)));
    inv.out([...versions].sort().map((v) => `${v}\n`).join(''));
    return 0;
  },
};

/** The verbs `auth can-i` knows without a warning (cani.go `knownResourceVerbs`). */
const KNOWN_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', 'escalate', 'approve', 'sign', '*']);

/**
 * `kubectl auth can-i VERB TYPE[/NAME]`: the kubeconfig's identity is the cluster's creator
 * (cluster-admin through its EKS access entry), so every request is allowed.
 */
export const authCommand: Command = {
  flags: [
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'list', type: 'bool' },
  ],
  run(inv) {
    const [sub, verb, resource] = inv.args.args;
    if (sub !== 'can-i') throw new KubectlError(`error: unknown command "${sub ?? ''}" for "kubectl auth"\nRun 'kubectl auth --help' for usage.`);
    if (inv.args.bool('list')) throw clientError('kubesim does not list rules (auth can-i --list); every request of this identity is allowed');
    if (!verb || !resource) throw clientError('you must specify two arguments: verb resource or verb nonResourceURL');
    const quiet = inv.args.bool('quiet');
    if (!resource.startsWith('/')) {
      if (!quiet && !KNOWN_VERBS.has(verb)) inv.err(`Warning: verb '${verb}' is not a known verb\n`);
      const type = resource.split('/')[0];
      const known = type === '*' || inv.ctx.core.kinds.all().some((k) => [k.resource, k.kind.toLowerCase(), ...k.shortNames].includes(type.split('.')[0]));
      if (!quiet && !known) inv.err(`Warning: the server doesn't have a resource type '${type}'\n`);
    }
    if (!quiet) inv.out('yes\n');
    return 0;
  },
};

/** `kubectl top`: the simulated cluster runs no metrics-server. */
export const topCommand: Command = {
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'containers', type: 'bool' },
  ],
  run() {
    throw clientError('Metrics API not available');
  },
};
