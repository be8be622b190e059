/**
 * `kubectl create token SERVICE_ACCOUNT_NAME`: asks the API server for a token of the service
 * account (`serviceaccounts/token`), optionally for other audiences, a lifetime (`--duration`) and
 * bound to a Pod, Secret or Node, and prints it: the token alone (without a newline when its output
 * is not a terminal, as here), or with `-o` the TokenRequest the API server answered.
 * @see kubectl pkg/cmd/create/create_token.go (Validate, Run)
 */
import { type KindInfo, type KubeObject, parseGoDuration, serviceAccountTokenIssuer, StatusError } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { clientError } from '../errors.js';
import { usageError } from '../flags.js';
import { checkWrittenOutput, printWritten } from '../printers/written.js';
import { nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** The `serviceaccounts/token` subresource's kind, for the printers. */
const TOKEN_REQUEST: KindInfo = {
  kind: 'TokenRequest',
  group: 'authentication.k8s.io',
  version: 'v1',
  resource: 'tokenrequests',
  singular: 'tokenrequest',
  shortNames: [],
  namespaced: true,
};

/** `boundObjectKindToAPIVersions`: the kinds a token can be bound to. */
const BOUND_OBJECT_KINDS = ['Node', 'Pod', 'Secret'];

/** `kubectl create token NAME [--audience=…]… [--duration=…] [--bound-object-kind=… --bound-object-name=… [--bound-object-uid=…]]`. */
export function createToken(inv: Invocation): number {
  const a = inv.args;
  rejectForeignFlags(inv, ['audience', 'duration', 'bound-object-kind', 'bound-object-name', 'bound-object-uid'], 'kubectl create token');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create token');
  const output = a.string('output');
  checkWrittenOutput(output);
  let durationMs = 0;
  if (a.has('duration')) {
    const d = parseGoDuration(a.string('duration'));
    // pflag's DurationVar: a flag parse error.
    if (typeof d === 'string') throw usageError(`invalid argument ${JSON.stringify(a.string('duration'))} for "--duration" flag: ${d}`, 'kubectl create token');
    durationMs = d;
  }
  // Validate.
  if (durationMs < 0) throw clientError('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0) throw clientError('--duration cannot be expressed in units less than seconds');
  // A StringArray flag: each value whole (no comma splitting), empty ones kept.
  const audiences = a.all('audience');
  if (audiences.some((x) => x === '')) throw clientError('--audience must not be an empty string');
  const kind = a.string('bound-object-kind');
  const boundName = a.string('bound-object-name');
  const boundUid = a.string('bound-object-uid');
  if (!kind) {
    if (boundName) throw clientError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUid) throw clientError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_OBJECT_KINDS.includes(kind)) throw clientError(`supported --bound-object-kind values are ${BOUND_OBJECT_KINDS.join(', ')}`);
    if (!boundName) throw clientError('--bound-object-name is required if --bound-object-kind is provided');
  }
  // Run.
  try {
    const r = serviceAccountTokenIssuer(inv.ctx.core).create(inv.namespace, name, {
      audiences,
      expirationSeconds: durationMs > 0 ? durationMs / 1000 : undefined,
      boundObjectRef: kind ? { kind, name: boundName, uid: boundUid || undefined } : undefined,
    });
    if (output === '') {
      inv.out(r.token);
      return 0;
    }
    // The API server's answer: the request as sent (no metadata but the null creationTimestamp),
    // its spec defaulted, and the status.
    // boundObjectKindToAPIVersions: every kind a token binds to is core v1.
    const boundObjectRef = kind ? { kind, apiVersion: 'v1', name: boundName, ...(boundUid ? { uid: boundUid } : {}) } : null;
    const response = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: r.audiences, expirationSeconds: r.expirationSeconds, boundObjectRef },
      status: { token: r.token, expirationTimestamp: r.expirationTimestamp },
    } as unknown as KubeObject;
    inv.out(printWritten([{ info: TOKEN_REQUEST, object: response, typed: true }], output, 'created'));
    return 0;
  } catch (e) {
    if (e instanceof StatusError) throw clientError(`failed to create token: ${e.message}`);
    throw e;
  }
}
