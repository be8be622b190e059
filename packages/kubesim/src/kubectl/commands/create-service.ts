/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME`: one TCP port per
 * `--tcp=<port>[:<targetPort>]` (named `<port>-<targetPort>`), label and selector `app: NAME`,
 * `--clusterip=None` for a headless service, `--node-port` on every port, `--external-name`.
 * @see kubectl pkg/cmd/create/create_service.go (ServiceOptions.Validate, createService,
 *   parsePorts), k8s.io/utils/net ParsePort
 */
import { isDNS1123Subdomain, isValidPortName, isValidPortNum, type KubeObject } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { goQuote } from './create-go.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** Each subcommand's service type and the flags it defines besides `--tcp`. */
export const SERVICE_SUBCOMMANDS: Readonly<Record<string, { type: string; flags: readonly string[]; short: string }>> = {
  clusterip: { type: 'ClusterIP', flags: ['clusterip'], short: 'Create a ClusterIP service' },
  externalname: { type: 'ExternalName', flags: ['external-name'], short: 'Create an ExternalName service' },
  loadbalancer: { type: 'LoadBalancer', flags: [], short: 'Create a LoadBalancer service' },
  nodeport: { type: 'NodePort', flags: ['node-port'], short: 'Create a NodePort service' },
};

/** `kubectl create service <sub> NAME`; `sub` is a key of SERVICE_SUBCOMMANDS. */
export function createService(inv: Invocation, sub: string): number {
  const { type, flags } = SERVICE_SUBCOMMANDS[sub];
  const path = `kubectl create service ${sub}`;
  rejectForeignFlags(inv, ['tcp', ...flags], path);
  // Cobra checks required flags before the command runs.
  if (type === 'ExternalName' && !inv.args.has('external-name')) throw clientError('required flag(s) "external-name" not set');
  const name = nameFromCommandArgs(inv, 2, path);
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));

  const tcp = inv.args.strings('tcp');
  const clusterIP = inv.args.string('clusterip');
  const externalName = inv.args.string('external-name');
  if (clusterIP === 'None' && type !== 'ClusterIP') throw clientError('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw clientError('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length > 0) throw clientError(`invalid service external name ${externalName}`);

  const nodePort = inv.args.int('node-port', 0);
  const ports = tcp.map((spec) => {
    const [port, targetPort] = parsePorts(spec);
    // ServicePort's field order; a zero nodePort is omitted.
    return { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort !== 0 ? { nodePort } : {}) };
  });
  const spec = {
    ...(ports.length > 0 ? { ports } : {}),
    selector: { app: name },
    ...(clusterIP !== '' ? { clusterIP } : {}),
    type,
    ...(externalName !== '' ? { externalName } : {}),
  };
  // No TypeMeta in createService: the printer's type setter adds it, as here.
  const object = { kind: 'Service', apiVersion: 'v1', metadata: generatedMeta(inv, name, { labels: { app: name } }), spec, status: { loadBalancer: {} } };
  const wrap = (e: unknown) => (e instanceof Error ? clientError(`failed to create ${type} service: ${e.message}`) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'service'), object: object as unknown as KubeObject }], strategy, wrap);
}

/** `parsePorts`: `<port>` (target the same) or `<port>:<targetPort>` (a number or a port name). */
function parsePorts(spec: string): [number, number | string] {
  const parts = spec.split(':');
  const port = parseUint16(parts[0]);
  if (parts.length === 1) return [port, port];
  const target = parts[1];
  const num = goAtoi(target);
  if (num === undefined) {
    const errs = isValidPortName(target);
    if (errs.length > 0) throw clientError(errs.join(','));
    return [port, target];
  }
  const errs = isValidPortNum(num);
  if (errs.length > 0) throw clientError(errs.join(','));
  return [port, num];
}

/** `strconv.ParseUint(s, 10, 16)` with its error text (`utilsnet.ParsePort`, zero allowed). */
function parseUint16(s: string): number {
  if (!/^\d+$/.test(s)) throw clientError(`strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw clientError(`strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return n;
}

/** `strconv.Atoi`: an optionally signed decimal int64, or undefined. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? undefined : Number(n);
}
