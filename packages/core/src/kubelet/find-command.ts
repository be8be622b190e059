/**
 * busybox `find [PATH…] [-maxdepth N] [-mindepth N] [-name PAT] [-iname PAT] [-type f|d]
 * [-print]`: each path, then what is under it (a directory before its entries), that passes every
 * test. Entries come in name order (the model's directories are sorted).
 * @see busybox findutils/find.c
 */
import type { ContainerFilesystem } from './container-fs.js';
import { patternSource } from './glob.js';

/** What `find` printed and returned. */
export interface FindResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

type Test = (path: string, name: string, isDir: boolean) => boolean;

/** Runs `find ARGS` over `fs`. */
export function runFind(fs: ContainerFilesystem, args: readonly string[]): FindResult {
  const roots: string[] = [];
  let i = 0;
  for (; i < args.length && !args[i].startsWith('-') && args[i] !== '!' && args[i] !== '('; i++) roots.push(args[i]);
  let maxDepth = Number.POSITIVE_INFINITY;
  let minDepth = 0;
  const tests: Test[] = [];
  for (; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`find: missing argument to '${a}'`);
      return v;
    };
    try {
      switch (a) {
        case '-maxdepth':
          maxDepth = Number(value());
          break;
        case '-mindepth':
          minDepth = Number(value());
          break;
        case '-name':
        case '-iname': {
          const flags = a === '-iname' ? 'i' : '';
          const re = new RegExp(`^${patternSource(value())}$`, `s${flags}`);
          tests.push((_p, name) => re.test(name));
          break;
        }
        case '-type': {
          const t = value();
          if (t !== 'f' && t !== 'd') return { stdout: '', stderr: `find: unrecognized: -type ${t}\n`, exitCode: 1 };
          tests.push((_p, _n, isDir) => (t === 'd') === isDir);
          break;
        }
        case '-print':
          break;
        default:
          return { stdout: '', stderr: `find: unrecognized: ${a}\n`, exitCode: 1 };
      }
    } catch (e) {
      return { stdout: '', stderr: `${(e as Error).message}\n`, exitCode: 1 };
    }
  }
  if (Number.isNaN(maxDepth) || Number.isNaN(minDepth)) return { stdout: '', stderr: 'find: invalid number\n', exitCode: 1 };
  let stdout = '';
  let stderr = '';
  const visit = (path: string, depth: number) => {
    const isDir = fs.isDirectory(path);
    const name = path === '/' ? '/' : path.replace(/\/+$/, '').replace(/^.*\//, '') || path;
    if (depth >= minDepth && tests.every((t) => t(path, name, isDir))) stdout += `${path}\n`;
    if (!isDir || depth >= maxDepth) return;
    for (const child of fs.list(path)) visit(`${path.replace(/\/+$/, '')}/${child}`, depth + 1);
  };
  for (const root of roots.length ? roots : ['.']) {
    if (!fs.exists(root)) {
      stderr += `find: ${root}: No such file or directory\n`;
      continue;
    }
    visit(root, 0);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
