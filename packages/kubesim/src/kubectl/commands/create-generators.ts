/**
 * `kubectl create <generator> NAME`: kubectl builds the object (Go field order, zero values as Go
 * prints them), then creates it, or only prints it on a dry run. This file dispatches the
 * subcommands (`create secret` and `create service` are groups, which print their help when bare;
 * `create cronjob`, `create job` and `create quota` have their own files) and holds `create deployment`,
 * `create namespace`, `create poddisruptionbudget`, `create priorityclass` and `create serviceaccount`.
 * @see kubectl pkg/cmd/create/create.go, create_deployment.go, create_namespace.go, create_pdb.go, create_priorityclass.go,
 *   create_secret.go and create_service.go (NewCmdCreateSecret, NewCmdCreateService),
 *   pkg/cmd/util/helpers.go (DefaultSubCommandRun, RequireNoArguments)
 */
import { type KubeObject, parseSelector, selectorToLabelSelector } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError, usageErrorf } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { createConfigMap, createSecretDockerRegistry, createSecretGeneric } from './create-configmap-secret.js';
import { goQuote } from './create-go.js';
import { createCronJob } from './create-cronjob.js';
import { createJob } from './create-job.js';
import { createQuota } from './create-quota.js';
import { createService, SERVICE_SUBCOMMANDS } from './create-service.js';
import { createToken } from './create-token.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** kubectl 1.33's other `create` subcommands and their aliases (not emulated). */
const OTHER_GENERATORS: Readonly<Record<string, string>> = {
  clusterrole: 'clusterrole',
  clusterrolebinding: 'clusterrolebinding',
  ingress: 'ingress',
  ing: 'ingress',
  role: 'role',
  rolebinding: 'rolebinding',
};

/** `kubectl create <generator> NAME`; `what` is `inv.args.args[0]`. */
export function createGenerator(inv: Invocation): number {
  const [what, sub] = inv.args.args;
  switch (what) {
    case 'namespace':
    case 'ns':
      return createNamespace(inv);
    case 'serviceaccount':
    case 'sa':
      return createServiceAccount(inv);
    case 'token':
      return createToken(inv);
    case 'deployment':
    case 'deploy':
      return createDeployment(inv);
    case 'priorityclass':
    case 'pc':
      return createPriorityClass(inv);
    case 'poddisruptionbudget':
    case 'pdb':
      return createPodDisruptionBudget(inv);
    case 'quota':
    case 'resourcequota':
      return createQuota(inv);
    case 'job':
      return createJob(inv);
    case 'cronjob':
    case 'cj':
      return createCronJob(inv);
    case 'configmap':
    case 'cm':
      return createConfigMap(inv);
    case 'secret':
      if (sub === 'generic') return createSecretGeneric(inv);
      if (sub === 'docker-registry') return createSecretDockerRegistry(inv);
      if (sub === 'tls') throw clientError('kubesim does not implement "kubectl create secret tls"');
      return subcommandGroup(inv, 'kubectl create secret', SECRET_HELP);
    case 'service':
    case 'svc':
      if (sub !== undefined && Object.hasOwn(SERVICE_SUBCOMMANDS, sub)) return createService(inv, sub);
      return subcommandGroup(inv, 'kubectl create service', SERVICE_HELP);
  }
  if (Object.hasOwn(OTHER_GENERATORS, what)) throw clientError(`kubesim does not implement "kubectl create ${OTHER_GENERATORS[what]}"`);
  // `create` itself runs: without -f it says so, then fails on the arguments (DefaultSubCommandRun).
  inv.err('Error: must specify one of -f and -k\n\n');
  throw unknownCommand(inv, 0, 'kubectl create');
}

/**
 * A bare group (`kubectl create secret`) prints its help on stderr and exits 1; with arguments
 * that name no subcommand it is a usage error naming them all (`RequireNoArguments`).
 */
function subcommandGroup(inv: Invocation, path: string, help: string): number {
  if (inv.args.args.length > 1 || inv.args.rest.length > 0) throw unknownCommand(inv, 1, path);
  inv.err(help);
  return 1;
}

function unknownCommand(inv: Invocation, from: number, path: string): Error {
  return usageErrorf(path, `unknown command ${goQuote([...inv.args.args.slice(from), ...inv.args.rest].join(' '))}`);
}

/**
 * The help of `kubectl create secret`: kubectl's help template (the Long text through its
 * markdown normalizer, later paragraphs indented by one space; commands padded to the longest
 * name plus three spaces; `[options]` added to the use line).
 */
const SECRET_HELP = [
  'Create a secret with specified type.',
  '',
  ' A docker-registry type secret is for accessing a container registry.',
  '',
  ' A generic type secret indicate an Opaque secret type.',
  '',
  ' A tls type secret holds TLS certificate and its associated key.',
  '',
  'Available Commands:',
  ...[
    ['docker-registry', 'Create a secret for use with a Docker registry'],
    ['generic', 'Create a secret from a local file, directory, or literal value'],
    ['tls', 'Create a TLS secret'],
  ].map(([name, short]) => `  ${name.padEnd(15)}   ${short}`),
  '',
  'Usage:',
  '  kubectl create secret (docker-registry | generic | tls) [options]',
  '',
  'Use "kubectl create secret <command> --help" for more information about a given command.',
  'Use "kubectl options" for a list of global command-line options (applies to all commands).',
  '',
].join('\n');

/**
 * The help of `kubectl create service`: its Long text is not normalized, it has an alias, and
 * its use line (`service`, flags not disabled) gets cobra's `[flags]` before `[options]`.
 */
const SERVICE_HELP = [
  'Create a service using a specified subcommand.',
  '',
  'Aliases:',
  'service, svc',
  '',
  'Available Commands:',
  ...Object.entries(SERVICE_SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(12)}   ${s.short}`),
  '',
  'Usage:',
  '  kubectl create service [flags] [options]',
  '',
  'Use "kubectl create service <command> --help" for more information about a given command.',
  'Use "kubectl options" for a list of global command-line options (applies to all commands).',
  '',
].join('\n');

function createNamespace(inv: Invocation): number {
  rejectForeignFlags(inv, [], 'kubectl create namespace');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create namespace');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const info = resolveType(inv.ctx, 'namespace');
  const object = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
  return createGenerated(inv, [{ info, object: object as unknown as KubeObject }], strategy);
}

/** `create serviceaccount NAME` (create_serviceaccount.go): a ServiceAccount with just its name. */
function createServiceAccount(inv: Invocation): number {
  rejectForeignFlags(inv, [], 'kubectl create serviceaccount');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create serviceaccount');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const object = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: generatedMeta(inv, name) };
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'serviceaccount'), object: object as unknown as KubeObject }], strategy);
}

/** `create priorityclass NAME --value=N [--global-default] [--description=…] [--preemption-policy=…]`. */
function createPriorityClass(inv: Invocation): number {
  rejectForeignFlags(inv, ['value', 'global-default', 'description', 'preemption-policy'], 'kubectl create priorityclass');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create priorityclass');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  // PriorityClass's field order; false and '' are omitted (omitempty).
  const description = inv.args.string('description');
  const object = {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: { name, creationTimestamp: null },
    value: inv.args.int('value', 0),
    ...(inv.args.bool('global-default') ? { globalDefault: true } : {}),
    ...(description ? { description } : {}),
    preemptionPolicy: inv.args.has('preemption-policy') ? inv.args.string('preemption-policy') : 'PreemptLowerPriority',
  };
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'priorityclass'), object: object as unknown as KubeObject }], strategy);
}

/** `create_pdb.go` Validate errors. */
export const CreatePdbErrors = {
  neither: 'one of min-available or max-unavailable must be specified',
  both: 'min-available and max-unavailable cannot be both specified',
  minFormat: 'invalid format specified for min-available',
  maxFormat: 'invalid format specified for max-unavailable',
} as const;

/** `create poddisruptionbudget|pdb NAME --selector=… --min-available=N|N% | --max-unavailable=N|N%`. */
function createPodDisruptionBudget(inv: Invocation): number {
  rejectForeignFlags(inv, ['selector', 'min-available', 'max-unavailable'], 'kubectl create poddisruptionbudget');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create poddisruptionbudget');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  const min = inv.args.string('min-available');
  const max = inv.args.string('max-unavailable');
  if (!min && !max) throw clientError(CreatePdbErrors.neither);
  if (min && max) throw clientError(CreatePdbErrors.both);
  if (min && !/^[0-9]+%?$/.test(min)) throw clientError(CreatePdbErrors.minFormat);
  if (max && !/^[0-9]+%?$/.test(max)) throw clientError(CreatePdbErrors.maxFormat);
  // intstr.Parse: digits are an int, anything else a string.
  const parse = (v: string) => (/^[0-9]+$/.test(v) ? Number(v) : v);
  let selector: ReturnType<typeof selectorToLabelSelector>;
  try {
    selector = selectorToLabelSelector(parseSelector(inv.args.string('selector')));
  } catch (e) {
    throw clientError((e as Error).message);
  }
  // PodDisruptionBudget's field order; the v1 status counts are not omitempty.
  const object = {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: { name, creationTimestamp: null },
    spec: { ...(min ? { minAvailable: parse(min) } : {}), selector, ...(max ? { maxUnavailable: parse(max) } : {}) },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'poddisruptionbudget'), object: object as unknown as KubeObject }], strategy);
}

function createDeployment(inv: Invocation): number {
  rejectForeignFlags(inv, ['image', 'replicas', 'port'], 'kubectl create deployment');
  // Cobra checks required flags before the command runs.
  const images = inv.args.strings('image');
  if (!inv.args.has('image')) throw clientError('required flag(s) "image" not set');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create deployment');
  const command = inv.args.rest;
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  if (images.length > 1 && command.length > 0) throw clientError('cannot specify multiple --image options and command');
  const port = inv.args.int('port', -1);
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    name: containerName(inv, image),
    image,
    ...(command.length > 0 ? { command } : {}),
    ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  const object = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: generatedMeta(inv, name, { labels }),
    spec: {
      replicas: inv.args.int('replicas', 1),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
  // Unlike `run` and `create namespace`, an API error comes back wrapped in a plain error (`%v`).
  const wrap = (e: unknown) => (e instanceof Error ? clientError(`failed to create deployment: ${e.message}`) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'deployment'), object: object as unknown as KubeObject }], strategy, wrap);
}

/**
 * `buildPodSpec`'s container name: the image's last path segment without tag or digest; `_` and
 * `.` become `-` and five random characters are added (`sanitizeAndUniquify`).
 */
function containerName(inv: Invocation, image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split(':')[0].split('@')[0];
  if (!/[_.]/.test(name)) return name;
  return inv.ctx.core.store.generateName(`${name.replace(/[_.]/g, '-')}-`);
}
