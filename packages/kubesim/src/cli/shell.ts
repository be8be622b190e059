/**
 * `kubesim shell`: type kubectl/aws commands and `advance 30s` against one cluster. Interactive
 * with a prompt and history on a terminal; line by line through a pipe (no prompt), so it can be
 * scripted: `printf 'kubectl get nodes\n' | kubesim shell`.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createCluster } from '../cluster.js';
import type { ClusterOptions } from '../options.js';
import { Session } from './session.js';

const HELP = `Commands:
  kubectl ...      run a kubectl command line (heredoc input: end a line with "-f -", then the YAML, then a line "EOF")
  aws ...          run an AWS CLI command line
  advance 30s      move virtual time forward
  now              print the virtual time
  help             this text
  exit             leave
`;

/** Runs a shell over streams; resolves with the exit code (1 if any command failed, else 0). */
export async function runShell(
  input: Readable,
  output: Writable,
  options: ClusterOptions & { interactive?: boolean } = {},
): Promise<number> {
  const cluster = createCluster(options);
  const session = new Session(cluster, false);
  const interactive = options.interactive ?? false;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, historySize: 500 });
  const prompt = () => {
    if (interactive) {
      rl.setPrompt(`kubesim ${cluster.core.clock.rfc3339()}> `);
      rl.prompt();
    }
  };
  output.write(`kubesim shell — seed ${cluster.seed}, nodes: ${cluster.list('Node').length}. Type "help".\n`);
  let failed = false;
  let heredoc: { command: string; lines: string[] } | undefined;
  prompt();
  for await (const raw of rl) {
    const line = raw.trimEnd();
    if (heredoc) {
      if (line.trim() === 'EOF') {
        const r = session.run(heredoc.command, { stdin: `${heredoc.lines.join('\n')}\n` });
        output.write(r.stdout + r.stderr);
        failed ||= r.exitCode !== 0;
        heredoc = undefined;
      } else heredoc.lines.push(raw);
      continue;
    }
    const cmd = line.trim();
    if (cmd === '' || cmd.startsWith('#')) {
      prompt();
      continue;
    }
    if (cmd === 'exit' || cmd === 'quit') break;
    if (cmd === 'help') output.write(HELP);
    else if (/\s-f\s+-$/.test(cmd)) {
      heredoc = { command: cmd, lines: [] };
      continue;
    } else {
      const r = session.run(cmd);
      output.write(r.stdout + r.stderr);
      if (r.browser !== undefined) output.write(`${r.browser.trimEnd()}\n`);
      failed ||= r.exitCode !== 0;
    }
    prompt();
  }
  rl.close();
  return failed ? 1 : 0;
}
