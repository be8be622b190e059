/**
 * `kubectl set image|env|resources`: each object's pod spec is changed locally (the pod itself,
 * or the template of a Deployment, ReplicaSet, StatefulSet, DaemonSet), and only objects that
 * really changed are written and reported (`deployment.apps/web image updated`); an unchanged
 * object prints nothing. Errors are collected and printed at the end as kubectl's `checkErr`
 * does (one error as is, several one per line), exit code 1.
 *
 * This file is the dispatcher (`kubectl set SUBCOMMAND`); each subcommand has its own file
 * (set-image.ts, set-env.ts, set-resources.ts) and what they share is in set-helper.ts.
 *
 * Not emulated: `set selector|serviceaccount|subject` (reported as such), `-k`, `--template`.
 * Go map iteration order (several `NAME=IMAGE` pairs, `--from` keys) is random in kubectl;
 * kubesim uses the command-line order and sorted keys.
 * @see kubectl pkg/cmd/set/set.go, pkg/cmd/util/helpers.go (DefaultSubCommandRun, checkErr)
 */
import { QuantityError } from '@kubesim/core';
import type { Command } from '../command.js';
import { clientError, usageErrorf } from '../errors.js';
import { type FlagSpec, usageError } from '../flags.js';
import { setEnvCommand } from './set-env.js';
import { CheckErr, fail, type SetSubcommand } from './set-helper.js';
import { setImageCommand } from './set-image.js';
import { setResourcesCommand } from './set-resources.js';

const SUBCOMMANDS: Readonly<Record<string, SetSubcommand>> = {
  env: setEnvCommand,
  image: setImageCommand,
  resources: setResourcesCommand,
};

/** kubectl's other `set` subcommands (listed in the help; not emulated). */
const OTHER_SUBCOMMANDS: Readonly<Record<string, string>> = {
  selector: 'Set the selector on a resource',
  serviceaccount: 'Update the service account of a resource',
  subject: 'Update the user, group, or service account in a role binding or cluster role binding',
};

/** Every flag any subcommand accepts (cobra parses them per subcommand; see `run`). */
const ALL_FLAGS: readonly FlagSpec[] = [
  ...new Map([setImageCommand, setResourcesCommand, setEnvCommand].flatMap((s) => s.flags).map((f) => [f.name, f])).values(),
];

/**
 * `kubectl set --help`, as `DefaultSubCommandRun` prints it for a bare `kubectl set` (kubectl's
 * help template: the Long text through its markdown normalizer, commands padded to the longest
 * name plus three spaces).
 */
const SET_HELP = (() => {
  const commands = { ...Object.fromEntries(Object.entries(SUBCOMMANDS).map(([n, s]) => [n, s.short])), ...OTHER_SUBCOMMANDS };
  const names = Object.keys(commands).sort();
  const pad = Math.max(11, ...names.map((n) => n.length));
  return [
    'Configure application resources.',
    '',
    ' These commands help you make changes to existing application resources.',
    '',
    'Available Commands:',
    ...names.map((n) => `  ${n.padEnd(pad)}   ${commands[n]}`),
    '',
    'Usage:',
    '  kubectl set SUBCOMMAND [options]',
    '',
    'Use "kubectl set <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n');
})();

/** `kubectl set`. */
export const setCommand: Command = {
  flags: ALL_FLAGS,
  run(inv) {
    const [sub, ...rest] = inv.args.args;
    const spec = sub === undefined ? undefined : SUBCOMMANDS[sub];
    // run.ts parses the union of the subcommands' flags; cobra would reject the others.
    const allowed = new Set((spec?.flags ?? []).map((f) => f.name));
    const path = spec ? `kubectl set ${sub}` : 'kubectl set';
    for (const f of ALL_FLAGS) if (!allowed.has(f.name) && inv.args.has(f.name)) throw usageError(`unknown flag: --${f.name}`, path);
    if (sub === undefined) {
      inv.err(SET_HELP);
      return 1;
    }
    if (!spec) {
      if (sub in OTHER_SUBCOMMANDS) throw clientError(`kubesim does not implement "kubectl set ${sub}"`);
      throw usageErrorf('kubectl set', `unknown command ${JSON.stringify([...inv.args.args, ...inv.args.rest].join(' '))}`);
    }
    try {
      return spec.run(inv, [...rest, ...inv.args.rest]);
    } catch (e) {
      if (e instanceof CheckErr) return fail(inv, e.errors);
      if (e instanceof QuantityError) return fail(inv, [e.message]);
      throw e;
    }
  },
};
