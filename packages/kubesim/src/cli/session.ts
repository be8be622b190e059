/**
 * A session: runs command lines (`kubectl …`, `aws …`, `advance 5m`, `now`) against a cluster,
 * records each as a report step, and renders transcripts. The demo, `kubesim run` and
 * `kubesim shell` all drive a cluster through it.
 */
import type { Cluster, CommandResult } from '../cluster.js';
import { snapshotCluster, snapshotEvents } from '../snapshot/snapshot-cluster.js';
import type { ReportModel, ReportStep } from '../report/model.js';

/** One command of a session with its result. */
export interface SessionStep {
  readonly command: string;
  readonly stdin?: string;
  readonly section?: string;
  readonly result: CommandResult;
}

/** Runs command lines and keeps the history. */
export class Session {
  readonly steps: SessionStep[] = [];
  private readonly reportSteps: ReportStep[] = [];
  /** Event name → count already reported, so each step lists only what is new. */
  private readonly seenEvents = new Map<string, number>();

  constructor(
    readonly cluster: Cluster,
    /** Record a cluster snapshot per step for the HTML report (costs a little per step). */
    private readonly recordReport = true,
  ) {}

  /** Runs one line. Unknown programs get a shell-like `command not found` (exit 127). */
  run(line: string, options: { stdin?: string; section?: string } = {}): CommandResult {
    const trimmed = line.trim();
    const [program, ...rest] = trimmed.split(/\s+/);
    const args = trimmed.slice(program.length).trim();
    let result: CommandResult;
    if (program === 'kubectl') result = this.cluster.kubectl(args, { stdin: options.stdin });
    else if (program === 'aws') result = this.cluster.aws(args);
    else if (program === 'advance') result = this.advance(rest.join(''));
    else if (program === 'now') result = { stdout: `${this.cluster.now()}ms (${this.cluster.core.clock.rfc3339()})\n`, stderr: '', exitCode: 0 };
    else result = { stdout: '', stderr: `sh: ${program}: command not found\n`, exitCode: 127 };
    const step: SessionStep = { command: trimmed, stdin: options.stdin, section: options.section, result };
    this.steps.push(step);
    if (this.recordReport) this.record(step);
    return result;
  }

  private advance(duration: string): CommandResult {
    try {
      this.cluster.advance(duration);
      return { stdout: '', stderr: '', exitCode: 0 };
    } catch (e) {
      return { stdout: '', stderr: `advance: ${(e as Error).message}\n`, exitCode: 2 };
    }
  }

  private record(step: SessionStep): void {
    const changed = this.cluster.events().filter((e) => this.seenEvents.get(e.metadata.name ?? '') !== e.count);
    for (const e of changed) this.seenEvents.set(e.metadata.name ?? '', e.count);
    const fresh = snapshotEvents(this.cluster, changed);
    const output = [step.result.stdout, step.result.stderr, step.result.browser ? `[browser] ${step.result.browser}` : '']
      .filter(Boolean)
      .join('');
    this.reportSteps.push({
      index: this.reportSteps.length,
      atMs: this.cluster.now(),
      time: this.cluster.core.clock.rfc3339(),
      section: step.section,
      command: step.command,
      output,
      exitCode: step.result.exitCode,
      events: fresh,
      cluster: snapshotCluster(this.cluster),
    });
  }

  /** The report model of everything run so far. */
  report(title: string): ReportModel {
    return { title, seed: this.cluster.seed, fingerprint: this.cluster.fingerprint(), steps: this.reportSteps };
  }
}

/** Renders one step as a transcript block: `$ command`, then its output. */
export function formatTranscriptStep(step: SessionStep): string {
  let out = `$ ${step.command}\n`;
  if (step.stdin !== undefined && step.command.includes('-f -')) out = `$ cat <<'EOF' | ${step.command}\n${step.stdin.trimEnd()}\nEOF\n`;
  out += step.result.stdout + step.result.stderr;
  if (step.result.browser !== undefined) out += `# a browser on the forwarded port shows:\n${step.result.browser.trimEnd()}\n`;
  return out;
}
