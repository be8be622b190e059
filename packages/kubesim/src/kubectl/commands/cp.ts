/**
 * `kubectl cp`: files between the workstation and a container, through `tar` in the container as
 * kubectl does it. To a pod: `test -d DEST` first (a directory receives the source under its
 * base name), then the local files as a tar stream into `tar -xmf - -C DIR`. From a pod: `tar cf
 * - SRC`, whose messages kubectl shows on standard output (`tar: removing leading '/' from member
 * names`), unpacked into the local path.
 * @see kubectl pkg/cmd/cp/cp.go, filespec.go
 */
import { readTar, type TarEntry, TarFormatError, writeTar } from '@kubesim/core';
import type { Command, Invocation } from '../command.js';
import { clientError } from '../errors.js';
import { basePath, cleanPath, dirPath, globPaths, joinPath, LocalFileError, type LocalFiles } from '../local-files.js';
import type { Pod } from '../types.js';
import { execInPod } from './pod-io.js';

/** `[[namespace/]pod:]file/path`. */
interface FileSpec {
  readonly namespace?: string;
  readonly pod?: string;
  readonly file: string;
}

const FILESPEC_FORMAT = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

/** `extractFileSpec`. */
function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw clientError(FILESPEC_FORMAT);
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw clientError(FILESPEC_FORMAT);
}

/** `kubectl cp <file-spec-src> <file-spec-dest>`. */
export const cpCommand: Command = {
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'no-preserve', type: 'bool' },
    { name: 'retries', type: 'int' },
  ],
  run(inv) {
    const args = inv.args.args;
    if (args.length !== 2) throw clientError('source and destination are required');
    const src = fileSpec(args[0]);
    const dest = fileSpec(args[1]);
    if (src.pod && dest.pod) throw clientError('one of src or dest must be a local file specification');
    if (!src.file || !dest.file) throw clientError('filepath can not be empty');
    if (src.pod) return copyFromPod(inv, src, dest);
    if (dest.pod) return copyToPod(inv, src, dest);
    throw clientError('one of src or dest must be a remote file specification');
  },
};

function podOf(inv: Invocation, spec: FileSpec): Pod {
  return inv.ctx.core.api.mustGet<Pod>('Pod', spec.namespace || inv.namespace, spec.pod ?? '');
}

function workstation(inv: Invocation): LocalFiles {
  if (!inv.ctx.files) throw clientError('cp is not supported by this cluster');
  return inv.ctx.files;
}

/** A remote command's failure as kubectl ends with it. */
function terminated(inv: Invocation, exitCode: number): number {
  inv.err(`command terminated with exit code ${exitCode}\n`);
  return exitCode;
}

function copyToPod(inv: Invocation, src: FileSpec, dest: FileSpec): number {
  const files = workstation(inv);
  if (files.stat(src.file) === undefined) throw clientError(`${src.file} doesn't exist in local filesystem`);
  const pod = podOf(inv, dest);
  // checkDestinationIsDir: its output and errors go to buffers nobody reads.
  let destFile = dest.file;
  try {
    if (execInPod(inv, pod, ['test', '-d', dest.file], '', true).exitCode === 0) destFile = joinPath(dest.file, basePath(src.file));
  } catch {
    // Not a directory, as far as cp is concerned; the copy itself reports the error.
  }
  const archive = writeTar(tarEntries(files, src.file, destFile, Math.floor((inv.ctx.core.clock.startEpochMs + inv.ctx.core.clock.now()) / 1000)));
  const argv = inv.args.bool('no-preserve') ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  argv.push('-C', dirPath(destFile));
  const r = execInPod(inv, pod, argv, archive, false);
  inv.out(r.stdout);
  if (r.stderr) inv.err(r.stderr);
  return r.exitCode === 0 ? 0 : terminated(inv, r.exitCode);
}

/** `makeTar`/`recursiveTar`: the local `src` (a pattern, as kubectl globs it) as members named from `dest`'s base name. */
function tarEntries(files: LocalFiles, src: string, dest: string, mtime: number): TarEntry[] {
  const out: TarEntry[] = [];
  const srcPath = cleanPath(src);
  const walk = (srcFile: string, destFile: string) => {
    for (const path of globPaths(files, srcFile)) {
      if (files.stat(path) === 'dir') {
        const children = files.readDir(path);
        if (children.length === 0) out.push({ name: destFile, type: 'dir', content: '', mode: 0o755, mtime });
        for (const child of children) walk(joinPath(srcFile, child), joinPath(destFile, child));
        return;
      }
      out.push({ name: destFile, type: 'file', content: files.readFile(path) ?? '', mode: 0o644, mtime });
    }
  };
  walk(srcPath, basePath(cleanPath(dest)));
  return out;
}

/** `stripPathShortcuts`: leading `../`, a bare `.` or `..`, one leading `/`. */
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../')) s = s.slice(3);
  if (s === '.' || s === '..') s = '';
  return s.startsWith('/') ? s.slice(1) : s;
}

function copyFromPod(inv: Invocation, src: FileSpec, dest: FileSpec): number {
  const files = workstation(inv);
  const pod = podOf(inv, src);
  // The tar process's standard error is kubectl's standard output (TarPipe's ErrOut: o.Out).
  const r = execInPod(inv, pod, ['tar', 'cf', '-', src.file], '', false, (t) => inv.out(t));
  inv.out(r.stderr ?? '');
  if (r.exitCode !== 0) return terminated(inv, r.exitCode);
  let entries: TarEntry[];
  try {
    entries = readTar(r.stdout);
  } catch (e) {
    if (e instanceof TarFormatError) throw clientError(e.message === 'unexpected EOF' ? 'unexpected EOF' : 'archive/tar: invalid tar header');
    throw e;
  }
  const prefix = stripPathShortcuts(cleanPath(src.file.replace(/^\/+/, '')));
  const root = cleanPath(dest.file);
  for (const e of entries) {
    if (!e.name.startsWith(prefix)) throw clientError('tar contents corrupted');
    const target = joinPath(root, cleanPath(`/${e.name.slice(prefix.length)}`).slice(1));
    if (!(target === root || root === '.' || target.startsWith(`${root}/`)) || target.startsWith('../')) {
      inv.err(`warning: file ${JSON.stringify(target)} is outside target destination, skipping\n`);
      continue;
    }
    try {
      files.mkdirAll(dirPath(target));
      if (e.type === 'dir') files.mkdirAll(target);
      else files.writeFile(target, e.content);
    } catch (err) {
      if (err instanceof LocalFileError) throw clientError(err.message);
      throw err;
    }
  }
  return 0;
}
