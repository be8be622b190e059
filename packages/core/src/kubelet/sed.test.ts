import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../cluster/core-cluster.js';
import { ClusterDns } from '../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, newRootFilesystem } from './container-fs.js';
import { runCommand } from './exec.js';
import { posixRegExp } from './sed-command.js';

function box() {
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, []);
  const env = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(new CoreCluster({ seed: 1 }).store) };
  fs.writeFile('/tmp/conf', 'name=web\nport=80\n# comment\nmode=dev\n');
  const sh = (line: string, stdin = '') => runCommand(env, ['sh', '-c', line], stdin);
  return { fs, sh };
}

describe('POSIX regular expressions', () => {
  it('basic: \\( \\) group, + ? | { } are literal; extended: the other way round; classes expand', () => {
    expect(posixRegExp('a\\(b\\)*c', false).source).toBe('a(b)*c');
    expect(posixRegExp('a+b?(c)', false).test('a+b?(c)')).toBe(true);
    expect(posixRegExp('a+b?(c)', true).test('aac')).toBe(true);
    expect(posixRegExp('[[:digit:]]\\{2\\}', false).test('x42')).toBe(true);
    expect(posixRegExp('*x', false).test('*x')).toBe(true);
  });
});

describe('busybox sed in a container', () => {
  it('s with &, groups, g, a number and p under -n; line, $ and /re/ addresses and ranges; d, q, =', () => {
    const { sh } = box();
    expect(sh("echo 'hello world' | sed 's/o/0/'").stdout).toBe('hell0 world\n');
    expect(sh("echo 'hello world' | sed 's/o/0/g'").stdout).toBe('hell0 w0rld\n');
    expect(sh("echo 'hello world' | sed 's/o/0/2'").stdout).toBe('hello w0rld\n');
    expect(sh("echo 'abc' | sed 's/\\(a\\)\\(b\\)/[\\2\\1&]/'").stdout).toBe('[baab]c\n');
    expect(sh("echo 'k=v' | sed -E 's/([a-z]+)=([a-z]+)/\\2=\\1/'").stdout).toBe('v=k\n');
    expect(sh("sed -n '/port/p' /tmp/conf").stdout).toBe('port=80\n');
    expect(sh("sed '/^#/d' /tmp/conf").stdout).toBe('name=web\nport=80\nmode=dev\n');
    expect(sh("sed -n '2,3p' /tmp/conf").stdout).toBe('port=80\n# comment\n');
    expect(sh("sed -n '/name/,/port/p' /tmp/conf").stdout).toBe('name=web\nport=80\n');
    expect(sh("sed -n '$p' /tmp/conf").stdout).toBe('mode=dev\n');
    expect(sh("sed '2q' /tmp/conf").stdout).toBe('name=web\nport=80\n');
    expect(sh("sed -n '$=' /tmp/conf").stdout).toBe('4\n');
    expect(sh("sed '1!d' /tmp/conf").stdout).toBe('name=web\n');
    expect(sh("sed -e 's/web/api/' -e 's/80/8080/' /tmp/conf | head -2").stdout).toBe('name=api\nport=8080\n');
    expect(sh("echo abc | sed 'y/abc/xyz/'").stdout).toBe('xyz\n');
    expect(sh("printf 'no newline' | sed 's/no/a/'").stdout).toBe('a newline');
  });

  it('a, i and c; -i edits the file in place (with a backup suffix)', () => {
    const { fs, sh } = box();
    expect(sh("sed '1i # header' /tmp/conf | head -2").stdout).toBe('# header\nname=web\n');
    expect(sh("sed '/port/a timeout=5' /tmp/conf | sed -n 3p").stdout).toBe('timeout=5\n');
    expect(sh("sed '/mode/c mode=prod' /tmp/conf | tail -1").stdout).toBe('mode=prod\n');
    expect(sh("sed -i 's/dev/prod/' /tmp/conf").exitCode).toBe(0);
    expect(fs.readFile('/tmp/conf')).toBe('name=web\nport=80\n# comment\nmode=prod\n');
    sh("sed -i.bak 's/80/81/' /tmp/conf");
    expect(fs.readFile('/tmp/conf.bak')).toContain('port=80');
    expect(fs.readFile('/tmp/conf')).toContain('port=81');
  });

  it("busybox's errors", () => {
    const { sh } = box();
    expect(sh("sed 's/a/b' /tmp/conf")).toMatchObject({ stderr: "sed: unmatched '/'\n", exitCode: 1 });
    expect(sh("sed 'k' /tmp/conf")).toMatchObject({ stderr: 'sed: unsupported command k\n', exitCode: 1 });
    expect(sh('sed p /nope')).toMatchObject({ stderr: "sed: can't open '/nope': No such file or directory\n", exitCode: 1 });
  });
});
