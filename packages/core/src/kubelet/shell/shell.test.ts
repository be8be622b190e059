// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell scripts
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { ClusterDns } from '../../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, newRootFilesystem } from '../container-fs.js';
import { type ExecEnv, runCommand } from '../exec.js';
import { runShellProcess } from '../shell-process.js';
import { parseScript } from './parser.js';

/** 2026-11-29T10:01:15Z: a Sunday. */
const NOW = Date.UTC(2026, 10, 29, 10, 1, 15);

function box(env: Record<string, string> = {}) {
  const core = new CoreCluster({ seed: 1 });
  const fs = new ContainerFilesystem(newRootFilesystem('box'), false, []);
  fs.mkdir('/data');
  fs.writeFile('/data/a.txt', 'one\n');
  fs.writeFile('/data/b.txt', 'two\n');
  const exec: ExecEnv = { fs, hostname: 'box', namespace: 'default', dns: new ClusterDns(core.store), env, nowMs: () => NOW };
  const sh = (script: string, ...args: string[]) => runCommand(exec, ['sh', '-c', script, ...args]);
  const out = (script: string) => sh(script).stdout;
  return { fs, exec, sh, out };
}

describe('the shell: compound commands', () => {
  it('while and until loops with arithmetic, break and continue', () => {
    const { out } = box();
    expect(out('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done')).toBe('0\n1\n2\n');
    expect(out('i=3; until [ $i -eq 0 ]; do echo -n "$i "; i=$((i-1)); done; echo')).toBe('3 2 1 \n');
    expect(out('for i in 1 2 3 4 5; do [ $i -eq 2 ] && continue; [ $i -eq 4 ] && break; echo $i; done')).toBe('1\n3\n');
    expect(out('for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done')).toBe('a1\nb1\n');
    expect(out('while true; do while true; do break 2; done; echo never; done; echo out')).toBe('out\n');
  });

  it('for over words, globs, command output and "$@"', () => {
    const { out, sh } = box();
    expect(out('for f in /data/*.txt; do echo "file $f"; done')).toBe('file /data/a.txt\nfile /data/b.txt\n');
    expect(out('for n in $(seq 3); do echo n=$n; done')).toBe('n=1\nn=2\nn=3\n');
    expect(sh('for a in "$@"; do echo "[$a]"; done', 'sh', 'x y', 'z').stdout).toBe('[x y]\n[z]\n');
    expect(sh('for a; do echo "[$a]"; done', 'sh', 'p', 'q').stdout).toBe('[p]\n[q]\n');
    expect(sh('echo $# $1 $2 $0', 'name', 'a', 'b').stdout).toBe('2 a b name\n');
  });

  it('if/elif/else, case with patterns, functions with arguments and return', () => {
    const { out } = box();
    expect(out('x=5; if [ $x -lt 3 ]; then echo small; elif [ $x -lt 10 ]; then echo medium; else echo big; fi')).toBe('medium\n');
    expect(out('if false; then echo a; fi; echo $?')).toBe('0\n');
    expect(out('for f in a.txt b.log c; do case $f in *.txt) echo text;; *.log|*.out) echo log;; *) echo other;; esac; done')).toBe('text\nlog\nother\n');
    expect(out('greet() { echo "hello $1"; return 4; }; greet world; echo $?')).toBe('hello world\n4\n');
    expect(out('f() { local v=in; echo $v; }\nf\nf')).toBe('in\nin\n');
  });

  it('{ } runs in the shell, ( ) in a subshell: its variables and exit stay inside', () => {
    const { out } = box();
    expect(out('x=1; { x=2; }; echo $x; (x=3; exit 7); echo $? $x')).toBe('2\n7 2\n');
    expect(out('(cd /data && ls); pwd')).toBe('a.txt\nb.txt\n/\n');
  });
});

describe('the shell: expansions', () => {
  it('parameters with defaults, lengths and pattern removal', () => {
    const { out } = box({ HOME: '/root' });
    expect(out('echo ${UNSET:-default} ${UNSET-d2} "${EMPTY:-e}"')).toBe('default d2 e\n');
    expect(out('x=file.tar.gz; echo ${x%.*} ${x%%.*} ${x#*.} ${x##*.} ${#x}')).toBe('file.tar file tar.gz gz 11\n');
    expect(out('echo ${y:=set}; echo $y; echo ${y:+alt}')).toBe('set\nset\nalt\n');
    expect(out('echo ~ ~/x "~"')).toBe('/root /root/x ~\n');
    expect(box().sh('echo ${NOPE:?must be set}; echo never')).toEqual({ stdout: '', stderr: 'sh: NOPE: must be set\n', exitCode: 1 });
  });

  it('command substitution ($() and backquotes, nested), arithmetic, and its status in $?', () => {
    const { out } = box();
    expect(out('echo "$(echo a $(echo b))" `echo c`')).toBe('a b c\n');
    expect(out('x=$(false); echo $?; echo $((2 + 3 * 4)) $((7 / 2)) $((7 % 3)) $(( (1+2) ** 2 ))')).toBe('1\n14 3 1 9\n');
    expect(out('n=5; echo $((n > 3 ? n * 2 : 0)); : $((n += 1)); echo $n')).toBe('10\n6\n');
    expect(box().sh('echo $((1 / 0))')).toEqual({ stdout: '', stderr: 'sh: divide by zero\n', exitCode: 2 });
    expect(out('echo "$(printf "a\\n\\n\\n")|"')).toBe('a|\n');
  });

  it('field splitting: unquoted expansions split on IFS, quoted ones stay whole; quotes and escapes', () => {
    const { out } = box();
    expect(out('x="a   b"; for w in $x; do echo "[$w]"; done; for w in "$x"; do echo "[$w]"; done')).toBe('[a]\n[b]\n[a   b]\n');
    expect(out('IFS=:; p=/bin:/usr/bin; for d in $p; do echo $d; done')).toBe('/bin\n/usr/bin\n');
    expect(out('echo \'$HOME\' "a\\"b" a\\ b \\$x')).toBe('$HOME a"b a b $x\n');
    expect(out('x=""; set -- $x; echo $#; set -- "$x"; echo $#')).toBe('0\n1\n');
  });
});

describe('the shell: redirections, read, options, errors', () => {
  it('> truncates, >> appends, 2>&1 and 2>/dev/null, < feeds a while-read loop', () => {
    const { sh, fs } = box();
    expect(sh('echo 1 > /data/n; echo 2 >> /data/n; echo 3 >> /data/n; cat /data/n').stdout).toBe('1\n2\n3\n');
    expect(sh('while read line; do echo "got $line"; done < /data/n').stdout).toBe('got 1\ngot 2\ngot 3\n');
    expect(sh('cat /nope 2>&1 | wc -l').stdout).toBe('1\n');
    expect(sh('cat /nope 2>/dev/null; echo $?')).toEqual({ stdout: '1\n', stderr: '', exitCode: 0 });
    expect(sh('echo err >&2')).toEqual({ stdout: '', stderr: 'err\n', exitCode: 0 });
    expect(sh('echo x > /nodir/f; echo next')).toEqual({ stdout: 'next\n', stderr: "sh: can't create /nodir/f: No such file or directory\n", exitCode: 0 });
    expect(sh('printf "%s=%03d\\n" a 7 b 42 > /data/p').exitCode).toBe(0);
    expect(fs.readFile('/data/p')).toBe('a=007\nb=042\n');
    expect(sh('echo "k v rest of it" | { read a b c; echo "$c|$b|$a"; }').stdout).toBe('rest of it|v|k\n');
  });

  it('here-documents: the body is the command\'s stdin, expanded unless the delimiter is quoted; <<- strips leading tabs', () => {
    const { sh, fs } = box();
    expect(sh('name=web\ncat <<EOF > /data/conf\nserver $name {\n  listen $((40 * 2));\n  \\$literal "q"\n}\nEOF\ncat /data/conf').stdout).toBe('server web {\n  listen 80;\n  $literal "q"\n}\n');
    expect(fs.readFile('/data/conf')).toBe('server web {\n  listen 80;\n  $literal "q"\n}\n');
    expect(sh("cat <<'END'\n$HOME `x`\nEND").stdout).toBe('$HOME `x`\n');
    expect(sh('cat <<-EOF\n\t\tindented\n\tEOF\necho after').stdout).toBe('indented\nafter\n');
    expect(sh('while read a b; do echo "$b-$a"; done <<EOF\n1 one\n2 two\nEOF').stdout).toBe('one-1\ntwo-2\n');
    expect(sh('cat <<A; cat <<B\nfirst\nA\nsecond\nB').stdout).toBe('first\nsecond\n');
  });

  it('set -e stops at the first failure outside a condition; set -x traces; -o pipefail', () => {
    const { sh } = box();
    expect(sh('set -e; if false; then :; fi; false || true; echo ok; false; echo never')).toEqual({ stdout: 'ok\n', stderr: '', exitCode: 1 });
    expect(sh('set -x; x=1; echo $x')).toEqual({ stdout: '1\n', stderr: '+ x=1\n+ echo 1\n', exitCode: 0 });
    expect(sh('false | true; echo $?; set -o pipefail; false | true; echo $?').stdout).toBe('0\n1\n');
    expect(runCommand(box().exec, ['sh', '-ec', 'false; echo never']).exitCode).toBe(1);
  });

  it('syntax errors and unknown commands print ash\'s texts', () => {
    const { sh } = box();
    expect(sh('if true; then echo x')).toEqual({ stdout: '', stderr: 'sh: syntax error: unexpected end of file (expecting "fi")\n', exitCode: 2 });
    expect(sh('echo a; done')).toEqual({ stdout: '', stderr: 'sh: syntax error: unexpected "done"\n', exitCode: 2 });
    expect(sh('echo "open')).toEqual({ stdout: '', stderr: 'sh: syntax error: unterminated quoted string\n', exitCode: 2 });
    expect(sh('nosuchcmd; echo $?')).toEqual({ stdout: '127\n', stderr: 'sh: nosuchcmd: not found\n', exitCode: 0 });
    expect(sh('[ 1 -lt x ]; echo $?')).toEqual({ stdout: '2\n', stderr: "[: invalid number 'x'\n", exitCode: 0 });
    expect(() => parseScript('for 1x in a; do :; done')).toThrow('bad for loop variable');
  });

  it('what fuzzing found: empty compound lists are syntax errors, a bad bracket range is no pattern, a here-document\'s broken $( is an error', () => {
    const { sh } = box();
    expect(sh('while do done')).toEqual({ stdout: '', stderr: 'sh: syntax error: unexpected "do"\n', exitCode: 2 });
    expect(sh('if true; then fi')).toEqual({ stdout: '', stderr: 'sh: syntax error: unexpected "fi"\n', exitCode: 2 });
    expect(sh('for i in 1; do done').stderr).toBe('sh: syntax error: unexpected "done"\n');
    expect(sh('echo [z-a]*; case b in [z-a]) echo no;; *) echo yes;; esac').stdout).toBe('[z-a]*\nyes\n');
    expect(sh('cat <<EOF\n$(\nEOF\necho never')).toEqual({ stdout: '', stderr: 'sh: syntax error: unterminated quoted string\n', exitCode: 2 });
    // A loop that never waits is stopped, whatever it runs.
    expect(sh('while :; do :; done').exitCode).toBe(130);
  });

  it('a loop that never waits is stopped instead of hanging: exec returns what it printed, status 130', () => {
    const r = box().sh('while true; do echo y; done');
    expect(r.exitCode).toBe(130);
    expect(r.stdout.split('\n').length).toBeGreaterThan(1000);
  });
});

describe('the utilities', () => {
  it('date: busybox default format, -u, +FORMAT, -I, -R, -d @N, on the virtual clock', () => {
    const { out, sh } = box();
    expect(out('date')).toBe('Sun Nov 29 10:01:15 UTC 2026\n');
    expect(out('echo $(date -u)')).toBe('Sun Nov 29 10:01:15 UTC 2026\n');
    expect(out('date +%Y-%m-%dT%H:%M:%S%z; date +%s; date +%j%%%e')).toBe(`2026-11-29T10:01:15+0000\n${NOW / 1000}\n333%29\n`);
    expect(out('date -I; date -Iseconds; date -R')).toBe('2026-11-29\n2026-11-29T10:01:15+0000\nSun, 29 Nov 2026 10:01:15 +0000\n');
    expect(out('date -d @0; date -d @951782400 +%F%a')).toBe('Thu Jan  1 00:00:00 UTC 1970\n2000-02-29Tue\n');
    expect(sh('date -d tomorrow')).toEqual({ stdout: '', stderr: "date: invalid date 'tomorrow'\n", exitCode: 1 });
  });

  it('env and printenv: a program run directly sees the environment in its order; a shell passes it in ash\'s hash order, with SHLVL and PWD', () => {
    const environ = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'box', KUBERNETES_SERVICE_HOST: '10.100.0.1', KUBERNETES_PORT: 'tcp://10.100.0.1:443', HOME: '/root' };
    const { exec, sh } = box(environ);
    expect(runCommand(exec, ['env']).stdout).toBe(`${Object.entries(environ).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
    // ash buckets: KUBERNETES_PORT 1, HOSTNAME 4, SHLVL 5, HOME 6, PATH 21, KUBERNETES_SERVICE_HOST 33, PWD 33.
    expect(sh('env').stdout.split('\n').map((l) => l.split('=')[0])).toEqual(['KUBERNETES_PORT', 'HOSTNAME', 'SHLVL', 'HOME', 'PATH', 'KUBERNETES_SERVICE_HOST', 'PWD', '']);
    expect(sh('export GREETING=hi; FOO=bar printenv FOO GREETING; echo ${FOO:-unset}').stdout).toBe('bar\nhi\nunset\n');
    expect(runCommand(exec, ['printenv', 'NOPE']).exitCode).toBe(1);
    expect(sh('echo $SHLVL; sh -c "echo \\$SHLVL"').stdout).toBe('1\n2\n');
  });

  it('$RANDOM: 0–32767 afresh at each read (also in arithmetic), from the container\'s draws; unset, an ordinary variable', () => {
    const draws = [70_000, 5, 32_768 + 9];
    const { exec } = box();
    const sh = (script: string) => runCommand({ ...exec, random: () => draws.shift() ?? 0 }, ['sh', '-c', script]).stdout;
    expect(sh('echo $RANDOM $RANDOM $((RANDOM % 10))')).toBe(`${70_000 % 32_768} 5 9\n`);
    expect(sh('unset RANDOM; RANDOM=x; echo $RANDOM')).toBe('x\n');
    expect(box().sh('echo "[$RANDOM]"').stdout).toBe('[]\n');
  });

  it('cp, mv and tee: files and directories (-r), into a directory, busybox\'s messages', () => {
    const { sh, fs } = box();
    expect(sh('cp /data/a.txt /data/c.txt && cat /data/c.txt').stdout).toBe('one\n');
    expect(sh('mkdir /backup && cp /data/a.txt /data/b.txt /backup && ls /backup').stdout).toBe('a.txt\nb.txt\n');
    expect(sh('cp /data /copy')).toEqual({ stdout: '', stderr: "cp: omitting directory '/data'\n", exitCode: 1 });
    expect(sh('cp -r /data /copy && ls /copy').stdout).toBe('a.txt\nb.txt\nc.txt\n');
    expect(sh('mv /copy/a.txt /copy/z.txt && ls /copy').stdout).toBe('b.txt\nc.txt\nz.txt\n');
    expect(sh('cp /nope /x')).toEqual({ stdout: '', stderr: "cp: can't stat '/nope': No such file or directory\n", exitCode: 1 });
    expect(sh('mv /nope /x').stderr).toBe("mv: can't rename '/nope': No such file or directory\n");
    expect(sh('cp /data/a.txt /data/b.txt /data/c.txt').stderr).toBe("cp: '/data/c.txt' is not a directory\n");
    expect(sh('echo hi | tee /data/t1 /data/t2; echo more | tee -a /data/t1 > /dev/null; cat /data/t1 /data/t2').stdout).toBe('hi\nhi\nmore\nhi\n');
    expect(sh('echo x | tee /nodir/f').stderr).toBe("tee: can't open '/nodir/f': No such file or directory\n");
    expect(fs.exists('/copy/a.txt')).toBe(false);
  });

  it('test, printf, seq, echo -e, basename and dirname', () => {
    const { out } = box();
    expect(out('[ -f /data/a.txt ] && [ -d /data ] && [ ! -e /nope ] && [ -n "x" -a -z "" ] && echo yes')).toBe('yes\n');
    expect(out('test "a" = "b" || test 3 -ge 3 && echo ge')).toBe('ge\n');
    expect(out('printf "%-5s|%5s|%x|%c|%%\\n" ab cd 255 xyz')).toBe('ab   |   cd|ff|x|%\n');
    expect(out('seq 2 2 7; seq -s , 3; seq -w 8 10')).toBe('2\n4\n6\n1,2,3\n08\n09\n10\n');
    expect(out('echo -e "a\\tb\\nc"; echo -n x; echo y')).toBe('a\tb\nc\nxy\n');
    expect(out('basename /data/a.txt .txt; dirname /data/a.txt; dirname a')).toBe('a\n/data\n.\n');
  });
});

describe('a container process', () => {
  it('waits at each sleep and goes on when it ends: the EBS CSI sample loop appends a dated line every 5 s', () => {
    const { fs, exec } = box();
    const log: string[] = [];
    const timers: { at: number; fn: () => void }[] = [];
    let now = NOW;
    const clocked: ExecEnv = { ...exec, nowMs: () => now };
    const exits: number[] = [];
    const outcome = runShellProcess(
      { exec: clocked, log: (l) => void log.push(l), after: (ms, fn) => void timers.push({ at: now + ms, fn }), exit: (code) => void exits.push(code) },
      ['/bin/sh', '-c', 'while true; do echo $(date -u) >> /data/out.txt; sleep 5; done'],
    );
    expect(outcome).toEqual({ kind: 'running' });
    for (let i = 0; i < 3; i++) {
      const t = timers.shift() as { at: number; fn: () => void };
      now = t.at;
      t.fn();
    }
    expect(fs.readFile('/data/out.txt')).toBe('Sun Nov 29 10:01:15 UTC 2026\nSun Nov 29 10:01:20 UTC 2026\nSun Nov 29 10:01:25 UTC 2026\nSun Nov 29 10:01:30 UTC 2026\n');
    expect(timers).toHaveLength(1);
    expect(exits).toEqual([]);
  });

  it('partial lines are logged whole; a script that ends exits with its status', () => {
    const { exec } = box();
    const log: string[] = [];
    expect(runShellProcess({ exec, log: (l) => void log.push(l) }, ['sh', '-c', 'printf "a"; printf "b\\nc"; exit 4'])).toEqual({ kind: 'exit', exitCode: 4, afterMs: 100 });
    expect(log).toEqual(['ab', 'c']);
  });
});

/** A process driven on a fake timer: `at(ms)` runs every timer due by then; `signal` sends one. */
function clockedProcess(script: string) {
  const { exec, fs } = box();
  let now = NOW;
  const log: string[] = [];
  const at: number[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  const exits: { code: number; at: number }[] = [];
  let handler: ((s: string) => void) | undefined;
  const outcome = runShellProcess(
    {
      exec: { ...exec, nowMs: () => now },
      log: (l) => {
        log.push(l);
        at.push(now - NOW);
      },
      after: (ms, fn) => void timers.push({ at: now + ms, fn }),
      exit: (code) => void exits.push({ code, at: now - NOW }),
      onSignal: (h) => {
        handler = h;
      },
    },
    ['sh', '-c', script],
  );
  const runTo = (ms: number) => {
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > NOW + ms) break;
      timers.shift();
      now = t.at;
      t.fn();
    }
    now = NOW + ms;
  };
  return { outcome, log, at, exits, fs, runTo, signal: (s: string) => handler?.(s) };
}

describe('background jobs, wait and trap', () => {
  it('a background job runs alongside the script: their lines interleave by virtual time; wait waits for it', () => {
    const p = clockedProcess('(for i in 1 2 3; do echo job $i; sleep 2; done) & sleep 3; echo main; wait; echo end $?');
    p.runTo(60_000);
    expect(p.log).toEqual(['job 1', 'job 2', 'main', 'job 3', 'end 0']);
    expect(p.at).toEqual([0, 2000, 3000, 4000, 6000]);
    expect(p.exits).toEqual([{ code: 0, at: 6100 }]);
  });

  it('SIGTERM: ignored without a trap (PID 1); with one, `sleep infinity & wait` runs the trap at once and wait returns 143', () => {
    const plain = clockedProcess('sleep infinity');
    plain.signal('TERM');
    plain.runTo(60_000);
    expect(plain.exits).toEqual([]);
    const trapped = clockedProcess('trap "echo stopping" TERM; echo up; sleep infinity & wait; echo "wait said $?"');
    trapped.runTo(5000);
    trapped.signal('TERM');
    trapped.runTo(60_000);
    expect(trapped.log).toEqual(['up', 'stopping', 'wait said 143']);
    expect(trapped.exits).toEqual([{ code: 0, at: 5100 }]);
  });

  it('a trapped signal during a foreground sleep waits for the sleep to end; an EXIT trap runs last', () => {
    const p = clockedProcess("trap 'echo bye; exit 7' TERM; trap 'echo cleanup' EXIT; sleep 30; echo never");
    p.runTo(5000);
    p.signal('TERM');
    p.runTo(60_000);
    expect(p.log).toEqual(['bye', 'cleanup']);
    expect(p.at).toEqual([30_000, 30_000]);
    expect(p.exits).toEqual([{ code: 7, at: 30_100 }]);
  });

  it('trap lists, resets and rejects; kubectl exec runs jobs to their end', () => {
    const { sh } = box();
    expect(sh("trap 'echo x' TERM INT; trap; trap - INT; trap").stdout).toBe("trap -- 'echo x' TERM\ntrap -- 'echo x' INT\ntrap -- 'echo x' TERM\n");
    expect(sh('trap "" NOPE')).toEqual({ stdout: '', stderr: 'sh: trap: NOPE: bad trap\n', exitCode: 1 });
    expect(sh('echo a > /data/j & wait; cat /data/j; echo $!').stdout).toBe('a\n2\n');
  });
});

