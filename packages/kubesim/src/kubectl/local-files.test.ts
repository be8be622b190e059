import { describe, expect, it } from 'vitest';
import { basePath, cleanPath, dirPath, expandPathToFiles, globPaths, joinPath, LocalFileError, memoryFiles } from './local-files.js';

describe('Go path helpers', () => {
  it.each([
    ['', '.'],
    ['a//b/./c/..', 'a/b'],
    ['/../a', '/a'],
    ['../../a', '../../a'],
    ['./', '.'],
    ['/', '/'],
  ])('Clean(%j) = %j', (input, want) => expect(cleanPath(input)).toBe(want));

  it('Join, Base and Dir as filepath does them', () => {
    expect(joinPath('manifests/', 'a.yaml')).toBe('manifests/a.yaml');
    expect(joinPath('.', 'a.yaml')).toBe('a.yaml');
    expect(basePath('/tmp/dir/')).toBe('dir');
    expect(basePath('/')).toBe('/');
    expect(dirPath('/tmp/foo')).toBe('/tmp');
    expect(dirPath('foo')).toBe('.');
  });
});

describe('memoryFiles', () => {
  const files = memoryFiles({ 'k8s/a.yaml': 'a', 'k8s/b.yml': 'b', 'k8s/notes.txt': 'n', 'k8s/sub/c.json': '{}', '/etc/x': 'x' });

  it('relative paths are relative to /, directories are implied by their files', () => {
    expect(files.stat('./k8s/a.yaml')).toBe('file');
    expect(files.stat('/k8s')).toBe('dir');
    expect(files.stat('k8s/nope')).toBeUndefined();
    expect(files.readDir('k8s')).toEqual(['a.yaml', 'b.yml', 'notes.txt', 'sub']);
    expect(files.readDir('/')).toEqual(['etc', 'k8s']);
  });

  it('writes need an existing directory and refuse a directory path', () => {
    const w = memoryFiles({ 'd/f': '1' });
    expect(() => w.writeFile('d', 'x')).toThrow(new LocalFileError('open d: is a directory'));
    expect(() => w.writeFile('e/f', 'x')).toThrow(new LocalFileError('open e/f: no such file or directory'));
    w.mkdirAll('e/g');
    w.writeFile('e/g/f', 'x');
    expect(w.readFile('/e/g/f')).toBe('x');
    expect(() => w.mkdirAll('d/f/h')).toThrow(LocalFileError);
  });

  it('a directory walk keeps .json, .yaml and .yml files in lexical order, subdirectories only when recursive', () => {
    expect(expandPathToFiles(files, 'k8s', false)).toEqual(['k8s/a.yaml', 'k8s/b.yml']);
    expect(expandPathToFiles(files, 'k8s/', true)).toEqual(['k8s/a.yaml', 'k8s/b.yml', 'k8s/sub/c.json']);
    // A file named on the command line is read whatever its extension.
    expect(expandPathToFiles(files, 'k8s/notes.txt', false)).toEqual(['k8s/notes.txt']);
  });

  it('globs match segment by segment, sorted', () => {
    expect(globPaths(files, 'k8s/*.y*ml')).toEqual(['k8s/a.yaml', 'k8s/b.yml']);
    expect(globPaths(files, '*/sub/?.json')).toEqual(['k8s/sub/c.json']);
    expect(globPaths(files, 'k8s/[ab].*')).toEqual(['k8s/a.yaml', 'k8s/b.yml']);
    expect(globPaths(files, 'k8s/*.md')).toEqual([]);
  });
});
