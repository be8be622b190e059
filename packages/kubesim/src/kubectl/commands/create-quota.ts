/**
 * `kubectl create quota|resourcequota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`:
 * kubectl parses the hard limits into quantities and the scopes (unchecked: the API server
 * validates them), then creates the ResourceQuota, or only prints it on a dry run.
 * @see kubectl pkg/cmd/create/create_quota.go (QuotaOpts.Complete, Validate, Run, createQuota,
 *   populateResourceListV1, parseScopes)
 */
import { canonicalQuantity, type KubeObject, QuantityError } from '@kubesim/core';
import type { Invocation } from '../command.js';
import { dryRunStrategy } from '../dry-run.js';
import { clientError } from '../errors.js';
import { checkWrittenOutput } from '../printers/written.js';
import { resolveType } from '../resources.js';
import { createGenerated, generatedMeta, nameFromCommandArgs, rejectForeignFlags } from './generate.js';

/** `create_quota.go`'s own error texts. */
export const CreateQuotaErrors = {
  noName: 'name must be specified',
  hardSyntax: (statement: string) => `Invalid argument syntax ${statement}, expected <resource>=<value>`,
  emptyScope: 'invalid resource quota scope ""',
} as const;

/**
 * `populateResourceListV1`: `name=quantity` statements split on `,`, each with exactly one `=`;
 * quantities are stored in canonical form (a later duplicate wins). Empty input gives no list.
 * @throws KubectlError with the syntax error or apimachinery's quantity parse error
 */
export function populateResourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const result: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw clientError(CreateQuotaErrors.hardSyntax(statement));
    try {
      result[parts[0]] = canonicalQuantity(parts[1]);
    } catch (e) {
      if (e instanceof QuantityError) throw clientError(e.message);
      throw e;
    }
  }
  // A Go map marshals with sorted keys.
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `parseScopes`: split on `,`; an empty scope is an error, unknown ones are left to the API server. */
export function parseScopes(spec: string): string[] | undefined {
  if (spec === '') return undefined;
  const scopes = spec.split(',');
  if (scopes.includes('')) throw clientError(CreateQuotaErrors.emptyScope);
  return scopes;
}

/** `kubectl create quota NAME --hard=… --scopes=…`; an API error comes back as `failed to create quota: …`. */
export function createQuota(inv: Invocation): number {
  rejectForeignFlags(inv, ['hard', 'scopes'], 'kubectl create quota');
  const name = nameFromCommandArgs(inv, 1, 'kubectl create quota');
  const strategy = dryRunStrategy(inv);
  checkWrittenOutput(inv.args.string('output'));
  if (name === '') throw clientError(CreateQuotaErrors.noName);
  const hard = populateResourceList(inv.args.string('hard'));
  const scopes = parseScopes(inv.args.string('scopes'));
  // ResourceQuota's field order; nil hard and scopes are omitted, the empty status is `{}`.
  const object = {
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: generatedMeta(inv, name),
    spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) },
    status: {},
  };
  const wrap = (e: unknown) => (e instanceof Error ? clientError(`failed to create quota: ${e.message}`) : e);
  return createGenerated(inv, [{ info: resolveType(inv.ctx, 'resourcequota'), object: object as unknown as KubeObject }], strategy, wrap);
}
