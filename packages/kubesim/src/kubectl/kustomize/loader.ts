/**
 * kustomize's file loader over the workstation's files: a root directory, child roots for
 * bases, and file loads held to the root (`LoadRestrictionsRootOnly`, kubectl's default), with
 * the Go error texts of `filesys.ConfirmDir`, `CleanedAbs` (`evalsymlink failure on …`) and the
 * load restrictor.
 * @remarks kustomize names paths by their absolute form. A `LocalFiles` may carry its working
 * directory as a `cwd` string; without one (the hermetic `memoryFiles`), `/` is the root that
 * relative paths start from, as `memoryFiles` itself treats them. Symbolic links are not modelled.
 * @see kustomize api/loader/fileloader.go, api/loader/loadrestrictions.go, kyaml/filesys/confirmeddir.go,
 *   kyaml/filesys/fsondisk.go (CleanedAbs)
 */
import { cleanPath, joinPath, type LocalFiles } from '../local-files.js';
import { KustomizeError, notEmulated } from './resource.js';

/** A path as the workstation's files take it (`fs`) and its absolute form for messages (`abs`). */
export interface Place {
  readonly fs: string;
  readonly abs: string;
}

/** `filepath.Abs`, from the files' `cwd` when they carry one, else from `/`. */
export function absolutePath(files: LocalFiles, p: string): string {
  if (p.startsWith('/')) return cleanPath(p);
  return cleanPath(`${files.cwd ?? '/'}/${p}`);
}

/** The first component of `fsPath` `lstat` fails on (Go's `EvalSymlinks` walk), with the reason. */
function missingComponent(files: LocalFiles, fsPath: string): { path: string; reason: string } | undefined {
  const clean = cleanPath(fsPath);
  const parts = clean.split('/').filter((s) => s !== '');
  let cur = clean.startsWith('/') ? '/' : '';
  for (let i = 0; i < parts.length; i++) {
    cur = cur === '' ? parts[i] : joinPath(cur, parts[i]);
    const kind = files.stat(cur);
    if (kind === undefined) return { path: cur, reason: 'no such file or directory' };
    if (kind === 'file' && i < parts.length - 1) return { path: joinPath(cur, parts[i + 1]), reason: 'not a directory' };
  }
  return undefined;
}

/** `CleanedAbs`' error when `place` does not resolve, naming the path as `given`. */
function evalSymlinkError(files: LocalFiles, place: Place, given: string): string | undefined {
  const miss = missingComponent(files, place.fs);
  return miss && `evalsymlink failure on '${given}' : lstat ${absolutePath(files, miss.path)}: ${miss.reason}`;
}

/** `filesys.ConfirmDir`, wrapped as the loader wraps it (`must build at directory: …`). */
function confirmDir(files: LocalFiles, place: Place, given: string): Place {
  const err = evalSymlinkError(files, place, given);
  if (err) throw new KustomizeError(`must build at directory: not a valid directory: ${err}`);
  if (files.stat(place.fs) !== 'dir') throw new KustomizeError(`must build at directory: '${place.abs}': file is not directory`);
  return place;
}

/** `ConfirmedDir.HasPrefix`: `dir` is `root` or below it. */
function within(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root === '/' ? '/' : `${root}/`);
}

/** Whether `path` names a remote base (a git repository or a URL), which kubesim cannot fetch. */
export function isRemote(path: string): boolean {
  return path.includes('://') || path.startsWith('git@') || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path);
}

/** A kustomization root and the files it may read. */
export class Loader {
  private constructor(
    readonly files: LocalFiles,
    /** The root directory. */
    readonly root: Place,
    /** `LoadRestrictionsRootOnly`: files must be in or below the root. */
    readonly rootOnly: boolean,
    /** The loader whose kustomization named this root as a base. */
    private readonly referrer?: Loader,
  ) {}

  /** `NewLoader`: the root a build starts from, `target` as the user gave it. */
  static at(files: LocalFiles, target: string, rootOnly: boolean): Loader {
    const place = { fs: cleanPath(target), abs: absolutePath(files, target) };
    return new Loader(files, confirmDir(files, place, target), rootOnly);
  }

  /** `path` relative to the root (or absolute). */
  place(path: string): Place {
    if (path.startsWith('/')) return { fs: cleanPath(path), abs: cleanPath(path) };
    return { fs: joinPath(this.root.fs, path), abs: joinPath(this.root.abs, path) };
  }

  /** `Loader.New`: the loader of a base directory. */
  child(path: string): Loader {
    if (isRemote(path)) throw notEmulated(`remote kustomize bases (${JSON.stringify(path)})`);
    if (path.startsWith('/')) throw new KustomizeError(`new root '${path}' cannot be absolute`);
    const place = confirmDir(this.files, this.place(path), this.place(path).abs);
    // errIfArgEqualOrHigher: a base may not be, or contain, a root on the way to it.
    for (let l: Loader | undefined = this; l; l = l.referrer) {
      if (within(l.root.abs, place.abs)) throw new KustomizeError(`cycle detected: candidate root '${place.abs}' contains visited root '${l.root.abs}'`);
    }
    return new Loader(this.files, place, this.rootOnly, this);
  }

  /** `Loader.Load`: a file's text, held to the root unless the restriction is off. */
  load(path: string): string {
    if (isRemote(path)) throw notEmulated(`remote kustomize resources (${JSON.stringify(path)})`);
    const place = this.place(path);
    const kind = this.files.stat(place.fs);
    if (this.rootOnly) {
      const err = evalSymlinkError(this.files, place, place.abs);
      if (err) throw new KustomizeError(err);
      if (kind === 'dir') throw new KustomizeError(`'${place.abs}' must resolve to a file`);
      const dir = place.abs.slice(0, place.abs.lastIndexOf('/')) || '/';
      if (!within(dir, this.root.abs)) throw new KustomizeError(`security; file '${place.abs}' is not in or below '${this.root.abs}'`);
    } else if (kind === undefined) throw new KustomizeError(`open ${place.abs}: no such file or directory`);
    else if (kind === 'dir') throw new KustomizeError(`read ${place.abs}: is a directory`);
    return this.files.readFile(place.fs) ?? '';
  }

  /** Whether `path` names an existing file or directory (`fSys.Exists`). */
  exists(path: string): boolean {
    return this.files.stat(this.place(path).fs) !== undefined;
  }
}
