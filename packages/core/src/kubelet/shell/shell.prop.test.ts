// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the pieces are shell syntax
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { ClusterDns } from '../../controllers/endpoints/cluster-dns.js';
import { ContainerFilesystem, newRootFilesystem } from '../container-fs.js';
import { runCommand } from '../exec.js';

const core = new CoreCluster({ seed: 1 });
const dns = new ClusterDns(core.store);

/** Pieces scripts are made of: words, quotes, expansions, operators, keywords, redirections. */
const PIECES = [
  'echo', 'x', '$x', '${x:-d}', '${#x}', '${x%.*}', '$(', ')', '`', '"', "'", '\\', '$((', '))', '1+2', '/', '*', '?', '[', ']',
  ';', '&&', '||', '|', '&', '\n', ' ', 'if', 'then', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', 'case', 'esac', ')',
  '(', '{', '}', '>', '>>', '<', '2>&1', '<<EOF', 'EOF', 'read', 'x=1', 'set -e', 'exit', 'break', 'continue', 'sleep 1', 'cat',
  'ls', 'test', '[', 'true', 'false', 'f()', 'trap', 'wait', 'cd /', 'date', 'printf %s', 'seq 3', 'export', 'unset', 'local',
  // busybox's file and network tools, with their options and likely operands.
  'sed', 's/x/y/g', '-n', '-e', '-i', '-E', 'p', '$p', '1,2d', '/x/', 'y/ab/ba/', 'tar', 'cf', 'xf', 'tvf', '-', '-C', '/tmp', 'x.tar',
  'find', '-name', '-type', 'd', '-maxdepth', 'du', '-s', '-h', 'df', 'wget', '-qO-', 'http://x', 'hostname', '-i', 'ls -R', 'grep', 'head', 'wc -l',
];

describe('the shell never crashes on what a user writes', () => {
  it('any script runs to a status or a syntax error, never a thrown exception', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), fc.string({ maxLength: 12 }), (pieces, noise) => {
        const fs = new ContainerFilesystem(newRootFilesystem('box'), false, []);
        const r = runCommand({ fs, hostname: 'box', namespace: 'default', dns }, ['sh', '-c', `${pieces.join(' ')}${noise}`]);
        expect(typeof r.exitCode).toBe('number');
        expect(typeof r.stdout).toBe('string');
      }),
      { numRuns: Number(process.env.SHELL_FUZZ_RUNS ?? 3000), seed: Number(process.env.SHELL_FUZZ_SEED ?? 42) },
    );
  });
});
