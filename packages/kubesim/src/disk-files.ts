/**
 * The workstation's real disk as kubectl's `LocalFiles`: what `kubectl apply -f deploy.yaml`
 * reads in a test or in `kubesim shell`, relative paths from the process's working directory.
 * Reading the disk is input, like stdin: it does not touch the simulation's determinism.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LocalFiles, LocalFileError } from './kubectl/local-files.js';

/** `LocalFiles` over the disk, relative paths resolved against `cwd`. */
export function diskFiles(cwd: string): LocalFiles {
  const at = (p: string) => resolve(cwd, p);
  const kind = (p: string) => {
    const s = statSync(at(p), { throwIfNoEntry: false });
    return s === undefined ? undefined : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  };
  return {
    cwd,
    stat: kind,
    readFile: (p) => (kind(p) === 'file' ? readFileSync(at(p), 'utf8') : undefined),
    readDir: (p) => (kind(p) === 'dir' ? readdirSync(at(p)).sort() : []),
    writeFile(p, text) {
      try {
        writeFileSync(at(p), text);
      } catch (e) {
        throw new LocalFileError(goPathError('open', p, e));
      }
    },
    mkdirAll(p) {
      try {
        mkdirSync(at(p), { recursive: true });
      } catch (e) {
        throw new LocalFileError(goPathError('mkdir', p, e));
      }
    },
  };
}

/** Go's `*PathError` text for a Node fs error (`open x: is a directory`). */
function goPathError(op: string, path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const text: Record<string, string> = {
    EISDIR: 'is a directory',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'not a directory',
    EACCES: 'permission denied',
    EEXIST: 'file exists',
  };
  return `${op} ${path}: ${(code && text[code]) ?? (e as Error).message}`;
}
