/**
 * busybox `tar` in a container: create (`c`), extract (`x`) and list (`t`) ustar archives, `f -`
 * for standard input/output or a file, `-C DIR`, `-v`, `-O` (extract to stdout), member names
 * after the options. What `kubectl cp` runs in the container (`tar cf - SRC`, `tar -xmf - -C DIR`).
 * Leading `/` and `../` are stripped from member names with busybox's one warning; extraction
 * creates leading directories. Options `m`, `o`, `p` and `--no-same-owner`,
 * `--no-same-permissions` change nothing here (the model keeps no times or owners).
 * @see busybox archival/tar.c, archival/libarchive/unsafe_prefix.c, data_extract_all.c
 */
import { civil } from '../api/cron/civil-time.js';
import { type ContainerFilesystem, FsError } from './container-fs.js';
import { readTar, type TarEntry, TarFormatError, utf8ByteString, writeTar } from './tar-archive.js';

/** What `tar` printed and returned. */
export interface TarResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

interface TarOptions {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  toStdout: boolean;
  members: string[];
}

const IGNORED_LONG = new Set(['--no-same-owner', '--no-same-permissions', '--same-owner', '--preserve-permissions', '--touch']);
const TAKES_ARG = new Set(['f', 'C']);

/** Parses busybox tar's argv (the first word may be bundled options without `-`). */
function parseArgs(args: readonly string[]): TarOptions | string {
  const o: TarOptions = { verbose: false, toStdout: false, members: [] };
  const words = [...args];
  // Old style: `tar cf - x` (the first word's letters are options, their arguments follow in order).
  if (words.length > 0 && !words[0].startsWith('-')) words[0] = `-${words[0]}`;
  const pending: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      o.members.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      if (w.startsWith('--directory=')) o.dir = w.slice('--directory='.length);
      else if (w.startsWith('--file=')) o.file = w.slice('--file='.length);
      else if (w === '--extract' || w === '--create' || w === '--list') o.mode = w === '--extract' ? 'x' : w === '--create' ? 'c' : 't';
      else if (w === '--verbose') o.verbose = true;
      else if (w === '--to-stdout') o.toStdout = true;
      else if (!IGNORED_LONG.has(w)) return `unrecognized option '${w}'`;
      continue;
    }
    if (!w.startsWith('-') || w === '-') {
      const opt = pending.shift();
      if (opt === 'f') o.file = w;
      else if (opt === 'C') o.dir = w;
      else o.members.push(w);
      continue;
    }
    for (let j = 1; j < w.length; j++) {
      const ch = w[j];
      if (TAKES_ARG.has(ch)) {
        // `-fFILE`, `-C/dir`: the rest of the word; else the next word.
        if (j + 1 < w.length) {
          if (ch === 'f') o.file = w.slice(j + 1);
          else o.dir = w.slice(j + 1);
          break;
        }
        pending.push(ch);
      } else if (ch === 'c' || ch === 'x' || ch === 't') {
        if (o.mode !== undefined && o.mode !== ch) return 'only one of -c, -x, -t is allowed';
        o.mode = ch;
      } else if (ch === 'v') o.verbose = true;
      else if (ch === 'O') o.toStdout = true;
      else if (ch !== 'm' && ch !== 'o' && ch !== 'p') return `invalid option -- '${ch}'`;
    }
  }
  if (pending.length > 0) return `option requires an argument -- '${pending[0]}'`;
  return o;
}

/** busybox `strip_unsafe_prefix`: leading `/` and everything up to a last `../`. */
function stripUnsafePrefix(name: string): string {
  let cp = name;
  for (;;) {
    if (cp.startsWith('/')) cp = cp.slice(1);
    else if (cp.startsWith('../')) cp = cp.slice(3);
    else {
      const i = cp.indexOf('/../');
      if (i < 0) break;
      cp = cp.slice(i + 4);
    }
  }
  return cp;
}

/** `header_verbose_list`: mode, owner, size, UTC time and name (`tar tv`). */
function verboseLine(e: TarEntry, name: string): string {
  const perms = [6, 3, 0].map((shift) => {
    const bits = (e.mode >> shift) & 7;
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  });
  const size = e.type === 'file' ? utf8ByteString(e.content).length : 0;
  const t = civil(e.mtime * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  const when = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
  return `${e.type === 'dir' ? 'd' : '-'}${perms.join('')} root/root ${String(size).padStart(9)} ${when} ${name}\n`;
}

/** Runs `tar ARGS` with `stdin` over `fs` (relative paths from its cwd); `nowSec` stamps created members. */
export function runTar(fs: ContainerFilesystem, args: readonly string[], stdin: string, nowSec: number): TarResult {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return { stdout: '', stderr: `tar: ${parsed}\n`, exitCode: 1 };
  if (parsed.mode === undefined) return { stdout: '', stderr: 'tar: need at least one option\n', exitCode: 1 };
  let stderr = '';
  let warned = false;
  // The warning names what was removed, once per run.
  const memberName = (path: string): string => {
    const stripped = stripUnsafePrefix(path);
    if (stripped !== path && !warned) {
      warned = true;
      stderr += `tar: removing leading '${path.slice(0, path.length - stripped.length)}' from member names\n`;
    }
    return stripped;
  };
  let work = fs;
  if (parsed.dir !== undefined) {
    if (!fs.exists(parsed.dir) || !fs.isDirectory(parsed.dir)) {
      return { stdout: '', stderr: `tar: can't change directory to '${parsed.dir}': ${fs.exists(parsed.dir) ? 'Not a directory' : 'No such file or directory'}\n`, exitCode: 1 };
    }
    work = fs.at(parsed.dir.startsWith('/') ? parsed.dir : `${fs.cwd.replace(/\/$/, '')}/${parsed.dir}`);
  }
  const file = parsed.file ?? '-';
  if (parsed.mode === 'c') {
    if (parsed.members.length === 0) return { stdout: '', stderr: "tar: empty archive\n", exitCode: 1 };
    const entries: TarEntry[] = [];
    let failed = false;
    // -v names each member, on stderr when the archive goes to stdout.
    let listing = '';
    const push = (entry: TarEntry) => {
      entries.push(entry);
      if (parsed.verbose) listing += `${entry.name}\n`;
    };
    const add = (path: string) => {
      if (work.isDirectory(path)) {
        const name = memberName(path.replace(/\/+$/, ''));
        if (name !== '') push({ name: `${name}/`, type: 'dir', content: '', mode: 0o755, mtime: nowSec });
        for (const child of work.list(path)) add(`${path.replace(/\/+$/, '')}/${child}`);
        return;
      }
      push({ name: memberName(path), type: 'file', content: work.readFile(path), mode: 0o644, mtime: nowSec });
    };
    for (const m of parsed.members) {
      if (!work.exists(m)) {
        stderr += `tar: ${m}: No such file or directory\n`;
        failed = true;
        continue;
      }
      add(m);
    }
    const archive = writeTar(entries);
    if (failed) stderr += 'tar: error exit delayed from previous errors\n';
    if (file === '-') return { stdout: archive, stderr: listing + stderr, exitCode: failed ? 1 : 0 };
    try {
      work.writeFile(file, archive);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return { stdout: listing, stderr: `${stderr}tar: can't open '${file}': ${e.message}\n`, exitCode: 1 };
    }
    return { stdout: listing, stderr, exitCode: failed ? 1 : 0 };
  }
  let input = stdin;
  if (file !== '-') {
    try {
      input = work.readFile(file);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return { stdout: '', stderr: `tar: can't open '${file}': ${e.message}\n`, exitCode: 1 };
    }
  }
  // An empty input is an empty archive; a partial first block is not.
  if (input.length > 0 && input.length < 512) return { stdout: '', stderr: 'tar: short read\n', exitCode: 1 };
  let entries: TarEntry[];
  try {
    entries = readTar(input);
  } catch (e) {
    if (!(e instanceof TarFormatError)) throw e;
    return { stdout: '', stderr: e.message === 'unexpected EOF' ? 'tar: short read\n' : 'tar: invalid tar magic\n', exitCode: 1 };
  }
  // Members named after the options: each one itself or what is under it.
  const matching = (path: string) => parsed.members.filter((m) => path === m.replace(/\/+$/, '') || path.startsWith(`${m.replace(/\/+$/, '')}/`));
  let stdout = '';
  const found = new Set<string>();
  for (const e of entries) {
    const name = memberName(e.name);
    const path = name.replace(/\/$/, '');
    if (path === '') continue;
    if (parsed.members.length > 0) {
      const m = matching(path);
      if (m.length === 0) continue;
      for (const x of m) found.add(x);
    }
    if (parsed.mode === 't') {
      stdout += parsed.verbose ? verboseLine(e, name) : `${name}\n`;
      continue;
    }
    if (parsed.verbose) stdout += `${name}\n`;
    if (parsed.toStdout) {
      if (e.type === 'file') stdout += e.content;
      continue;
    }
    try {
      // Leading directories first (ARCHIVE_CREATE_LEADING_DIRS).
      const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (parent) work.mkdir(parent, true);
      if (e.type === 'dir') work.mkdir(path, true);
      else work.writeFile(path, e.content);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      return { stdout, stderr: `${stderr}tar: can't open '${name}': ${err.message}\n`, exitCode: 1 };
    }
  }
  const missing = parsed.members.filter((m) => !found.has(m));
  for (const m of missing) stderr += `tar: ${m}: not found in archive\n`;
  return { stdout, stderr, exitCode: missing.length > 0 ? 1 : 0 };
}
