/**
 * `kubectl run NAME --image=IMAGE [-- ARGS]`: one Pod (labelled `run=NAME` unless `--labels`),
 * plus a ClusterIP Service with `--expose --port`. Created through the API, or printed only on a
 * client dry run. With `-i` or `--attach` it attaches to the pod (`attach-run.ts`).
 * @see kubectl pkg/cmd/run/run.go (Complete, Validate, Run, createPod, createService),
 *   pkg/cmd/util/helpers.go (ParsePairs), pkg/cmd/util/override_options.go
 */
import { applyJsonPatch, applyMergePatch, cloneData, isEnvVarName, type JsonPatchOp, type KubeObject } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { DRY_RUN_FLAG, dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { IMAGE_REFERENCE, INVALID_REFERENCE_FORMAT } from '../image-reference.js';
import { parsePairs } from '../pairs.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { runAttached } from './attach-run.js';
import { createGenerated, type Generated, generatedMeta } from './generate.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** `kubectl run`. */
export const runCommand: Command = {
  flags: [
    { name: 'image', type: 'string' },
    { name: 'env', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'annotations', type: 'string' },
    { name: 'restart', type: 'string', def: 'Always' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'overrides', type: 'string' },
    { name: 'override-type', type: 'string', def: 'merge' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run(inv) {
    const a = inv.args;
    // Cobra's required-flag check comes before the command's own.
    if (!a.has('image')) throw clientError('required flag(s) "image" not set');
    // Complete.
    const annotations = Object.fromEntries(parsePairs(a.all('annotations'), 'annotations'));
    const labels = parseLabels(a.string('labels'));
    const env = parseEnvs(a.all('env'));
    const interactive = a.bool('stdin');
    const restart = a.string('restart', 'Always') || (interactive ? 'OnFailure' : 'Always');
    if (!RESTART_POLICIES.includes(restart)) throw clientError(`invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`);
    const pullPolicy = a.string('image-pull-policy');
    if (pullPolicy && !PULL_POLICIES.includes(pullPolicy)) throw clientError(`invalid image pull policy: ${pullPolicy}`);
    const attach = a.has('attach') ? a.bool('attach') : interactive;
    const strategy = dryRunStrategy(inv);
    checkWrittenOutput(a.string('output'));
    // Validate.
    if (a.args.length === 0 || a.dashAt === 0) throw clientError('NAME is required for run');
    const image = a.string('image');
    if (image === '') throw clientError('--image is required');
    if (!IMAGE_REFERENCE.test(image)) throw clientError(`invalid image name ${JSON.stringify(image)}: ${INVALID_REFERENCE_FORMAT}`);
    if (a.bool('tty') && !interactive) throw clientError('-i/--stdin is required for containers with -t/--tty=true');
    const port = a.string('port');
    if (a.bool('expose') && port === '') throw clientError('--port must be set when exposing a service');
    if (port !== '' && !/^[+-]?\d+$/.test(port)) throw clientError('--port must be a number');
    if (!attach && a.bool('rm')) throw clientError('--rm should only be used for attached containers');
    if (attach && strategy !== 'none') {
      throw clientError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    // Run.
    const name = a.args[0];
    const podLabels = labels ?? { run: name };
    const args = [...a.args.slice(1), ...a.rest];
    const pod = override(inv, buildPod(inv, { name, image, labels: podLabels, annotations, env, args, port, restart, pullPolicy }));
    const objects: Generated[] = [{ info: resolveType(inv.ctx, 'pod'), object: pod }];
    if (a.bool('expose')) objects.push({ info: resolveType(inv.ctx, 'service'), object: buildService(inv, name, labels, podLabels, Number(port)) });
    if (attach) return runAttached(inv, objects, restart);
    return createGenerated(inv, objects, strategy);
  },
};

interface PodParams {
  readonly name: string;
  readonly image: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly env: readonly { name: string; value: string }[];
  readonly args: readonly string[];
  readonly port: string;
  readonly restart: string;
  readonly pullPolicy: string;
}

/** `createPod`, in the Go structs' field order with their zero values (`resources: {}`, `status: {}`). */
function buildPod(inv: Invocation, p: PodParams): KubeObject {
  const a = inv.args;
  const container = {
    name: p.name,
    image: p.image,
    ...(p.args.length > 0 ? { [a.bool('command') ? 'command' : 'args']: p.args } : {}),
    ...(p.port !== '' ? { ports: [{ containerPort: Number(p.port) }] } : {}),
    ...(p.env.length > 0 ? { env: p.env } : {}),
    resources: {},
    ...(p.pullPolicy ? { imagePullPolicy: p.pullPolicy } : {}),
    ...(a.bool('privileged') ? { securityContext: { privileged: true } } : {}),
    ...(a.bool('stdin') ? { stdin: true, ...(a.bool('leave-stdin-open') ? {} : { stdinOnce: true }) } : {}),
    ...(a.bool('tty') ? { tty: true } : {}),
  };
  const extra = Object.keys(p.annotations).length > 0 ? { labels: p.labels, annotations: p.annotations } : { labels: p.labels };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: generatedMeta(inv, p.name, extra),
    spec: { containers: [container], restartPolicy: p.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KubeObject;
}

/** `createService`: selects the pod's labels; labelled only with the labels the user gave. */
function buildService(inv: Invocation, name: string, labels: Record<string, string> | undefined, selector: Record<string, string>, port: number): KubeObject {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: generatedMeta(inv, name, labels ? { labels } : {}),
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

/** `--overrides` on the generated pod (`Overrider.Apply`): merge (also for `strategic`) or JSON patch. */
function override(inv: Invocation, pod: KubeObject): KubeObject {
  const text = inv.args.string('overrides');
  if (text === '') return pod;
  const type = inv.args.string('override-type', 'merge');
  if (!['json', 'merge', 'strategic'].includes(type)) throw clientError(`invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch {
    throw clientError(type === 'json' ? 'invalid character in JSON patch' : 'Invalid JSON Patch');
  }
  const result = type === 'json' ? applyJsonPatch(pod, patch as JsonPatchOp[]) : applyMergePatch(cloneData(pod), patch);
  return result as KubeObject;
}

/** `parseLabels`: `k=v,k2=v2`; undefined when empty. */
function parseLabels(text: string): Record<string, string> | undefined {
  if (text === '') return undefined;
  const labels: Record<string, string> = {};
  for (const spec of text.split(',')) {
    const parts = spec.split('=');
    if (parts.length !== 2) throw clientError(`unexpected label spec: ${spec}`);
    if (parts[0] === '') throw clientError('unexpected empty label key');
    labels[parts[0]] = parts[1];
  }
  return labels;
}

/** `parseEnvs`: `NAME=value` each, NAME a valid environment variable name. */
function parseEnvs(envs: readonly string[]): { name: string; value: string }[] {
  return envs.map((e) => {
    const eq = e.indexOf('=');
    const name = eq < 0 ? '' : e.slice(0, eq);
    if (eq < 0 || name === '' || isEnvVarName(name).length > 0) throw clientError(`invalid env: ${e}`);
    return { name, value: e.slice(eq + 1) };
  });
}
