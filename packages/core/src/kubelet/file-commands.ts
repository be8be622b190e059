/**
 * The busybox commands that copy and move files: `cp` (`-r`/`-R`/`-a` for directories), `mv`
 * and `tee` (`-a` appends), over the container's filesystem model, with busybox's messages.
 * @see busybox coreutils/cp.c, libbb/copy_file.c, coreutils/mv.c, coreutils/tee.c
 */
import { type ContainerFilesystem, FsError } from './container-fs.js';

/** What a command printed and returned. */
export interface FileCommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** The file commands `runFileCommand` knows. */
export const FILE_COMMANDS: ReadonlySet<string> = new Set(['cp', 'mv', 'tee']);

const baseName = (p: string) => p.replace(/\/+$/, '').replace(/^.*\//, '');
const join = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;

/** Runs `cp`, `mv` or `tee` with `stdin` as tee's input. */
export function runFileCommand(fs: ContainerFilesystem, cmd: string, args: readonly string[], stdin: string): FileCommandResult {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const operands = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  if (cmd === 'tee') return tee(fs, operands, flags.includes('a'), stdin);
  if (operands.length < 2) return { stdout: '', stderr: `${cmd}: missing file operand\n`, exitCode: 1 };
  const dest = operands[operands.length - 1];
  const sources = operands.slice(0, -1);
  const destIsDir = fs.exists(dest) && fs.isDirectory(dest);
  if (sources.length > 1 && !destIsDir) return { stdout: '', stderr: `${cmd}: '${dest}' is not a directory\n`, exitCode: 1 };
  let stderr = '';
  for (const src of sources) {
    const target = destIsDir ? join(dest, baseName(src)) : dest;
    try {
      if (!fs.exists(src)) {
        stderr += cmd === 'cp' ? `cp: can't stat '${src}': No such file or directory\n` : `mv: can't rename '${src}': No such file or directory\n`;
        continue;
      }
      if (fs.isDirectory(src) && cmd === 'cp' && !/[rRa]/.test(flags)) {
        stderr += `cp: omitting directory '${src}'\n`;
        continue;
      }
      copy(fs, src, target);
      if (cmd === 'mv') fs.remove(src, true);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      stderr += cmd === 'cp' ? `cp: can't create '${target}': ${e.message}\n` : `mv: can't rename '${src}': ${e.message}\n`;
    }
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** Copies a file, or a directory with everything under it. */
function copy(fs: ContainerFilesystem, src: string, target: string): void {
  if (!fs.isDirectory(src)) {
    fs.writeFile(target, fs.readFile(src));
    return;
  }
  if (!fs.exists(target)) fs.mkdir(target);
  for (const name of fs.list(src)) copy(fs, join(src, name), join(target, name));
}

/** `tee [-a] FILE…`: stdin to stdout and to each file. */
function tee(fs: ContainerFilesystem, files: readonly string[], append: boolean, stdin: string): FileCommandResult {
  let stderr = '';
  for (const f of files) {
    try {
      fs.writeFile(f, stdin, append);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // fopen_or_warn: `can't open 'FILE'`.
      stderr += `tee: can't open '${f}': ${e.message}\n`;
    }
  }
  return { stdout: stdin, stderr, exitCode: stderr ? 1 : 0 };
}
