/**
 * The kubectl entry point: global flags, the subcommand table, and kubectl's handling of
 * unknown commands, usage errors and API errors (exit code 1).
 * @see kubectl pkg/cmd/cmd.go, cobra command.go (unknown command, suggestions)
 */
import { type Command, Invocation } from './command.js';
import { applyCommand, createCommand } from './commands/apply.js';
import { deleteCommand } from './commands/delete.js';
import { describeCommand } from './commands/describe.js';
import { eventsCommand } from './commands/events.js';
import { exposeCommand } from './commands/expose.js';
import { getCommand } from './commands/get.js';
import { clusterInfoCommand } from './commands/cluster-info.js';
import { editCommand } from './commands/edit.js';
import { configCommand } from './commands/config.js';
import { apiResourcesCommand, apiVersionsCommand, authCommand, topCommand, versionCommand } from './commands/misc.js';
import { annotateCommand, labelCommand, patchCommand, scaleCommand } from './commands/modify.js';
import { cordonCommand, drainCommand, taintCommand, uncordonCommand } from './commands/node.js';
import { attachCommand } from './commands/attach.js';
import { cpCommand } from './commands/cp.js';
import { debugCommand } from './commands/debug.js';
import { diffCommand } from './commands/diff.js';
import { kustomizeCommand } from './commands/kustomize.js';
import { execCommand, logsCommand, portForwardCommand } from './commands/pod-io.js';
import { replaceCommand } from './commands/replace.js';
import { runCommand } from './commands/run.js';
import { setCommand } from './commands/set.js';
import { rolloutCommand, waitCommand } from './commands/wait.js';
import type { KubectlContext, KubectlOptions, KubectlResult } from './context.js';
import { renderError } from './errors.js';
import { GLOBAL_FLAGS, parseFlags } from './flags.js';
import { connect } from './kubeconfig.js';

/** Every subcommand kubesim emulates. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  annotate: annotateCommand,
  'api-resources': apiResourcesCommand,
  'api-versions': apiVersionsCommand,
  apply: applyCommand,
  attach: attachCommand,
  auth: authCommand,
  'cluster-info': clusterInfoCommand,
  config: configCommand,
  cordon: cordonCommand,
  cp: cpCommand,
  create: createCommand,
  debug: debugCommand,
  delete: deleteCommand,
  describe: describeCommand,
  diff: diffCommand,
  drain: drainCommand,
  edit: editCommand,
  events: eventsCommand,
  exec: execCommand,
  expose: exposeCommand,
  get: getCommand,
  kustomize: kustomizeCommand,
  label: labelCommand,
  logs: logsCommand,
  patch: patchCommand,
  replace: replaceCommand,
  'port-forward': portForwardCommand,
  rollout: rolloutCommand,
  run: runCommand,
  scale: scaleCommand,
  set: setCommand,
  taint: taintCommand,
  top: topCommand,
  uncordon: uncordonCommand,
  version: versionCommand,
  wait: waitCommand,
};

/**
 * Runs one kubectl command line (already split into words, without `kubectl`).
 * @remarks Never throws for user errors: API errors (`StatusError`) and client errors come back
 * as kubectl prints them on stderr with exit code 1 (a failing `exec` returns the command's exit
 * code). `wait`, `rollout status`, `delete --wait` and `drain` move virtual time through
 * `core.loop.runUntil`; everything else runs at the current instant and settles the loop.
 * @see kubectl pkg/cmd/cmd.go, pkg/cmd/util/helpers.go (checkErr)
 */
export function runKubectl(ctx: KubectlContext, argv: readonly string[], options: KubectlOptions = {}): KubectlResult {
  const words = argv[0] === 'kubectl' ? argv.slice(1) : [...argv];
  const index = commandIndex(words);
  if (index < 0) {
    return { stdout: '', stderr: 'error: You must specify a command\nRun \'kubectl --help\' for usage.\n', exitCode: 1 };
  }
  const name = words[index];
  const command = COMMANDS[name];
  if (!command) return { stdout: '', stderr: unknownCommand(name), exitCode: 1 };
  const rest = [...words.slice(0, index), ...words.slice(index + 1)];
  let inv: Invocation | undefined;
  try {
    const args = parseFlags(rest, command.flags, `kubectl ${name}`);
    // Cobra answers -h/--help before the command runs: nothing may happen (`delete x -h` deletes nothing).
    if (args.bool('help')) return { stdout: helpPointer(name, args.args), stderr: '', exitCode: 0 };
    inv = new Invocation(ctx, args, options.stdin, `kubectl ${name}`, options.editor);
    if (name !== 'version') inv.client = connect(ctx, name, args);
    const exitCode = command.run(inv);
    return result(inv, exitCode);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    // Any other error (a quantity that does not parse, a bad duration…) prints as `error: …`,
    // as kubectl never crashes on user input.
    const stdout = inv?.stdout ?? '';
    const stderr = `${inv?.stderr ?? ''}${renderError(e)}\n`;
    return { stdout, stderr, exitCode: (e as { exitCode?: number }).exitCode ?? 1, ...(inv?.browser ? { browser: inv.browser } : {}) };
  }
}

/** Commands whose first argument names a subcommand (`kubectl create deployment`, `kubectl rollout status`). */
const COMMAND_GROUPS = new Set(['config', 'create', 'rollout', 'set', 'top']);

/** What `-h` prints: kubesim emulates the commands, not their help texts, and says where those are. */
function helpPointer(name: string, args: readonly string[]): string {
  const path = COMMAND_GROUPS.has(name) && args[0] && !args[0].includes('/') ? [name, args[0]] : [name];
  return `kubesim emulates "kubectl ${path.join(' ')}" but not its help text: https://kubernetes.io/docs/reference/kubectl/generated/kubectl_${path.join('_')}/\n`;
}

function result(inv: Invocation, exitCode: number): KubectlResult {
  return { stdout: inv.stdout, stderr: inv.stderr, exitCode, ...(inv.browser !== undefined ? { browser: inv.browser } : {}) };
}

/** Index of the subcommand word, skipping global flags and their values. */
function commandIndex(words: readonly string[]): number {
  const valued = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.startsWith('-')) return i;
    if (valued.has(w)) i++;
  }
  return -1;
}

function unknownCommand(name: string): string {
  const suggestions = Object.keys(COMMANDS).filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}` : '';
  return `error: unknown command ${JSON.stringify(name)} for "kubectl"${hint}\nRun 'kubectl --help' for usage.\n`;
}

function levenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
