/**
 * The busybox text filters a pipeline feeds: `wc`, `head`, `tail`, `grep`, `sort`, reading their
 * files or, without any, standard input. Output formats as busybox 1.36 prints them.
 * @see busybox coreutils/wc.c, coreutils/head.c, coreutils/tail.c, findutils/grep.c, coreutils/sort.c
 */
import { type ContainerFilesystem, FsError } from './container-fs.js';

/** What a filter printed and returned. */
export interface FilterResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The text filters `runTextCommand` knows. */
export const TEXT_COMMANDS: ReadonlySet<string> = new Set(['wc', 'head', 'tail', 'grep', 'sort']);

/** Each input (the files, or stdin as `-`) with its text; unreadable files reported on stderr. */
function inputs(cmd: string, fs: ContainerFilesystem, files: readonly string[], stdin: string): { name: string; text: string }[] & { stderr?: string } {
  const out: { name: string; text: string }[] & { stderr?: string } = [];
  if (files.length === 0) {
    out.push({ name: '', text: stdin });
    return out;
  }
  let stderr = '';
  for (const f of files) {
    try {
      out.push({ name: f, text: f === '-' ? stdin : fs.readFile(f) });
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // grep reports the bare path (bb_simple_perror_msg); head, tail, wc and sort open through fopen_or_warn.
      stderr += cmd === 'grep' ? `${cmd}: ${f}: ${e.message}\n` : `${cmd}: can't open '${f}': ${e.message}\n`;
    }
  }
  if (stderr) out.stderr = stderr;
  return out;
}

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The count in `-n N`, `-nN` or `-N` (head/tail), else `def`. */
function lineCount(args: readonly string[], def: number): { n: number; files: string[] } {
  let n = def;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') n = Number(args[++i]);
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else files.push(a);
  }
  return { n, files };
}

/** Runs a text filter over `stdin` or its files. */
export function runTextCommand(fs: ContainerFilesystem, cmd: string, args: readonly string[], stdin: string): FilterResult {
  switch (cmd) {
    case 'wc':
      return wc(fs, args, stdin);
    case 'head':
    case 'tail': {
      const { n, files } = lineCount(args, 10);
      const ins = inputs(cmd, fs, files, stdin);
      let stdout = '';
      for (const [i, input] of ins.entries()) {
        if (ins.length > 1) stdout += `${i > 0 ? '\n' : ''}==> ${input.name} <==\n`;
        const all = lines(input.text);
        const picked = cmd === 'head' ? all.slice(0, n) : all.slice(Math.max(0, all.length - n));
        stdout += picked.map((l) => `${l}\n`).join('');
      }
      return { stdout, stderr: ins.stderr ?? '', exitCode: ins.stderr ? 1 : 0 };
    }
    case 'grep':
      return grep(fs, args, stdin);
    case 'sort': {
      const flags = args.filter((a) => /^-[a-z]+$/.test(a)).join('');
      const ins = inputs(cmd, fs, args.filter((a) => !/^-[a-z]+$/.test(a)), stdin);
      const all = ins.flatMap((x) => lines(x.text));
      all.sort(flags.includes('n') ? (a, b) => (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (flags.includes('r')) all.reverse();
      return { stdout: all.map((l) => `${l}\n`).join(''), stderr: ins.stderr ?? '', exitCode: ins.stderr ? 1 : 0 };
    }
    default:
      return { stdout: '', stderr: `sh: ${cmd}: not found\n`, exitCode: 127 };
  }
}

/** busybox `wc`: `%9u` columns (lines, words, bytes), a bare number for one count of stdin or one file. */
function wc(fs: ContainerFilesystem, args: readonly string[], stdin: string): FilterResult {
  const flags = args.filter((a) => /^-[lwcmL]+$/.test(a)).join('');
  const files = args.filter((a) => !/^-[lwcmL]+$/.test(a));
  const want = flags ? (['l', 'w', 'c', 'L'] as const).filter((f) => flags.includes(f) || (f === 'c' && flags.includes('m'))) : (['l', 'w', 'c'] as const);
  const ins = inputs('wc', fs, files, stdin);
  const single = want.length === 1 && files.length <= 1;
  const totals = want.map(() => 0);
  let stdout = '';
  const row = (counts: number[], name: string) => {
    const cols = counts.map((c, i) => (single ? String(c) : i === 0 ? String(c).padStart(9) : ` ${String(c).padStart(9)}`)).join('');
    stdout += name ? `${cols} ${name}\n` : `${cols}\n`;
  };
  for (const input of ins) {
    const counts = want.map((f) => {
      if (f === 'l') return (input.text.match(/\n/g) ?? []).length;
      if (f === 'w') return input.text.split(/\s+/).filter(Boolean).length;
      if (f === 'c') return Buffer.byteLength(input.text);
      return Math.max(0, ...lines(input.text).map((l) => l.length));
    });
    for (const [i, c] of counts.entries()) totals[i] = want[i] === 'L' ? Math.max(totals[i], c) : totals[i] + c;
    row(counts, input.name);
  }
  if (files.length > 1) row(totals, 'total');
  return { stdout, stderr: ins.stderr ?? '', exitCode: ins.stderr ? 1 : 0 };
}

/** busybox `grep [-vicn] PATTERN [FILE…]`: exit 0 on a match, 1 on none, 2 on an error. */
function grep(fs: ContainerFilesystem, args: readonly string[], stdin: string): FilterResult {
  const flags = args.filter((a) => /^-[vicnEFqs]+$/.test(a)).join('');
  const rest = args.filter((a) => !/^-[vicnEFqs]+$/.test(a));
  const pattern = rest[0];
  if (pattern === undefined) return { stdout: '', stderr: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n', exitCode: 2 };
  const files = rest.slice(1);
  let re: RegExp;
  try {
    re = new RegExp(flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, flags.includes('i') ? 'i' : '');
  } catch {
    return { stdout: '', stderr: `grep: bad regex '${pattern}'\n`, exitCode: 2 };
  }
  const ins = inputs('grep', fs, files, stdin);
  let stdout = '';
  let matched = false;
  for (const input of ins) {
    let count = 0;
    for (const [i, line] of lines(input.text).entries()) {
      if (re.test(line) === flags.includes('v')) continue;
      matched = true;
      count++;
      if (flags.includes('c') || flags.includes('q')) continue;
      stdout += `${files.length > 1 ? `${input.name}:` : ''}${flags.includes('n') ? `${i + 1}:` : ''}${line}\n`;
    }
    if (flags.includes('c')) stdout += `${files.length > 1 ? `${input.name}:` : ''}${count}\n`;
  }
  if (flags.includes('q')) stdout = '';
  return { stdout, stderr: ins.stderr ?? '', exitCode: ins.stderr && !flags.includes('s') ? 2 : matched ? 0 : 1 };
}
