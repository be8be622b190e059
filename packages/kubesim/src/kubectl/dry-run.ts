/**
 * `--dry-run`: the flag every mutating kubectl command shares, its strategy, and the suffix the
 * printers add to the operation (`pod/x created (dry run)`).
 * @see kubectl pkg/cmd/util/helpers.go (AddDryRunFlag, GetDryRunStrategy,
 *   PrintFlagsWithDryRunStrategy)
 */
import type { Invocation } from './command.js';
import { clientError } from './errors.js';
import type { FlagSpec } from './flags.js';

/** `none` writes; `client` only prints what would be sent; `server` sends it without persisting. */
export type DryRunStrategy = 'none' | 'client' | 'server';

/** `--dry-run`, defaulting to `none`; `--dry-run` alone means `unchanged` (deprecated: client). */
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', def: 'none', noOptDef: 'unchanged' };

/**
 * The invocation's strategy. The deprecated forms (`--dry-run`, `--dry-run=true|false`) warn on
 * stderr as kubectl does (kubesim prints klog's message without its header).
 */
export function dryRunStrategy(inv: Invocation): DryRunStrategy {
  const value = inv.args.string('dry-run', 'none');
  const bool = parseGoBool(value);
  if (bool === undefined) {
    switch (value) {
      case 'unchanged':
        inv.err('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
        return 'client';
      case 'client':
      case 'server':
      case 'none':
        return value;
      default:
        throw clientError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
    }
  }
  const replacement = bool ? 'client' : 'none';
  inv.err(`--dry-run=${value} is deprecated (boolean value) and can be replaced with --dry-run=${replacement}.\n`);
  return replacement;
}

/** The operation suffix: ` (dry run)`, ` (server dry run)` or nothing. */
export function dryRunSuffix(strategy: DryRunStrategy): string {
  return strategy === 'client' ? ' (dry run)' : strategy === 'server' ? ' (server dry run)' : '';
}

/** Go's `strconv.ParseBool`; undefined when `text` is not a boolean. */
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}
