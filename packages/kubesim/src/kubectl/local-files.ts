/**
 * The workstation kubectl runs on: the files `-f`, `--from-file`, `--patch-file` and `kubectl cp`
 * read and write. `memoryFiles` is a hermetic one (a test's own files); the umbrella also has one
 * over the real disk (`disk-files.ts`).
 */
import { patternSource } from '@kubesim/core';

/** What is at a path: a regular file, a directory, or nothing. */
export type LocalFileKind = 'file' | 'dir' | undefined;

/** The local file system as kubectl sees it (paths as the user typed them). */
export interface LocalFiles {
  /** The directory relative paths start from, when the files are a real disk (messages show absolute paths from it); `/` otherwise. */
  readonly cwd?: string;
  /** What is at `path` (`os.Stat`). */
  stat(path: string): LocalFileKind;
  /** A file's text; undefined when `path` is no regular file. */
  readFile(path: string): string | undefined;
  /** A directory's entry names, sorted by name (Go's `os.ReadDir`); empty when it is none. */
  readDir(path: string): string[];
  /** Creates or truncates a file (its directory must exist). Throws `LocalFileError`. */
  writeFile(path: string, text: string): void;
  /** `os.MkdirAll`. Throws `LocalFileError` when a file is in the way. */
  mkdirAll(path: string): void;
}

/** A failed local write, with Go's `*PathError` text (`open x: is a directory`). */
export class LocalFileError extends Error {
  override readonly name = 'LocalFileError';
}

/** Go's `path.Clean` (slash-separated paths). */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = out.join('/');
  return rooted ? `/${s}` : s || '.';
}

/** Go's `filepath.Join` of two parts. */
export function joinPath(dir: string, name: string): string {
  if (dir === '') return cleanPath(name);
  if (name === '') return cleanPath(dir);
  return cleanPath(`${dir}/${name}`);
}

/** Go's `filepath.Base`. */
export function basePath(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's `filepath.Dir`. */
export function dirPath(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(i < 0 ? '.' : p.slice(0, i + 1));
}

/**
 * A hermetic workstation holding `files` (path → text). Relative paths are relative to `/`, so
 * `deploy.yaml`, `./deploy.yaml` and `/deploy.yaml` name one file; directories are those that
 * hold a file, plus the ones made by `mkdirAll`.
 */
export function memoryFiles(files: Readonly<Record<string, string>> = {}): LocalFiles {
  const key = (p: string) => cleanPath(`/${p}`);
  const texts = new Map<string, string>();
  const dirs = new Set<string>(['/']);
  const addDirs = (file: string) => {
    for (let d = dirPath(file); !dirs.has(d); d = dirPath(d)) dirs.add(d);
  };
  for (const [p, text] of Object.entries(files)) {
    texts.set(key(p), text);
    addDirs(key(p));
  }
  return {
    stat: (p) => (texts.has(key(p)) ? 'file' : dirs.has(key(p)) ? 'dir' : undefined),
    readFile: (p) => texts.get(key(p)),
    readDir(p) {
      const dir = key(p);
      if (!dirs.has(dir)) return [];
      const prefix = dir === '/' ? '/' : `${dir}/`;
      const names = new Set<string>();
      for (const path of [...texts.keys(), ...dirs]) {
        if (path.startsWith(prefix) && path !== dir) names.add(path.slice(prefix.length).split('/')[0]);
      }
      return [...names].sort();
    },
    writeFile(p, text) {
      const k = key(p);
      if (dirs.has(k)) throw new LocalFileError(`open ${p}: is a directory`);
      if (!dirs.has(dirPath(k))) throw new LocalFileError(`open ${p}: no such file or directory`);
      texts.set(k, text);
    },
    mkdirAll(p) {
      const k = key(p);
      for (let d = k; d !== '/'; d = dirPath(d)) {
        if (texts.has(d)) throw new LocalFileError(`mkdir ${p}: not a directory`);
      }
      dirs.add(k);
      addDirs(k);
    },
  };
}

/** Whether a path holds one of Go's `filepath.Match` pattern characters. */
function hasMeta(p: string): boolean {
  return /[*?[\\]/.test(p);
}

/**
 * Go's `filepath.Glob` over `files`: the existing paths `pattern` matches, sorted segment by
 * segment; empty when none does.
 */
export function globPaths(files: LocalFiles, pattern: string): string[] {
  if (!hasMeta(pattern)) return files.stat(pattern) === undefined ? [] : [pattern];
  const rooted = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  let paths = [rooted ? '/' : ''];
  for (const seg of segments) {
    const next: string[] = [];
    for (const base of paths) {
      const dir = base === '' ? '.' : base;
      if (!hasMeta(seg)) {
        const p = base === '' ? seg : joinPath(base, seg);
        if (files.stat(p) !== undefined) next.push(p);
        continue;
      }
      if (files.stat(dir) !== 'dir') continue;
      const re = new RegExp(`^${patternSource(seg, '[^/]')}$`);
      for (const name of files.readDir(dir)) if (re.test(name)) next.push(base === '' ? name : joinPath(base, name));
    }
    paths = next;
  }
  return paths;
}

/** cli-runtime's `FileExtensions`: the files a directory walk visits. */
export const FILE_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/**
 * `ExpandPathsToFileVisitors`: `path` itself when it is a file (whatever its extension), else
 * the `.json`, `.yaml` and `.yml` files of the directory in walk order (lexical, depth first),
 * those of its subdirectories too when `recursive`.
 */
export function expandPathToFiles(files: LocalFiles, path: string, recursive: boolean): string[] {
  if (files.stat(path) !== 'dir') return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of files.readDir(dir)) {
      const p = joinPath(dir, name);
      if (files.stat(p) === 'dir') {
        if (recursive) walk(p);
      } else if (FILE_EXTENSIONS.some((ext) => name.endsWith(ext))) out.push(p);
    }
  };
  walk(path);
  return out;
}
