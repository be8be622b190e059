/**
 * kubectl never crashes on what a user types: random command lines (real commands, resource
 * types, names, flags, stray words, stdin) always come back as kubectl's output, and a failure
 * always says why on stderr.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAPTER_MANIFESTS as m, createCluster, quoteShellWord } from 'kubesim';
import { COMMANDS } from '../../src/kubectl/index.js';

const SEED = 20261129;

const WORDS = [
  ...Object.keys(COMMANDS),
  'pods', 'pod/web', 'po', 'deploy', 'deployment/web', 'sts', 'pvc', 'pv', 'sc', 'svc', 'nodes', 'no', 'ns', 'cm', 'secret', 'ev', 'all', 'ep',
  'web', 'bb', 'nope', 'default', 'kube-system', 'ds/aws-node', 'deploy/coredns', 'pdb', 'ds', 'cluster-info', 'dump', 'node/x', 'history', 'status', 'undo', 'restart', 'pause', 'resume', 'env', 'image', 'resources',
  'generic', 'configmap', 'token', 'clusterip', 'nodeport', 'can-i', 'get', 'view', 'current-context', 'a=b', 'app-', 'k=v:NoSchedule',
  '-o', 'json', 'yaml', 'wide', 'name', 'jsonpath={.items[*].metadata.name}', 'custom-columns=N:.metadata.name', 'go-template={{.kind}}',
  '-l', 'app=web', '-A', '-n', '--all', '--dry-run=client', '--dry-run=server', '--replicas=3', '--replicas=-1', '-f', '-', 'k8s', 'k8s/*.yaml',
  '--image=nginx', '--image=busybox', '--port=80', '-c', '--', 'sh', 'echo hi', 'cat', '/etc/hostname', '--timeout=1s', '--for=condition=Ready',
  '--for=delete', '-w', '--watch-only', '--request-timeout=2s', '-p', '{"spec":{"replicas":2}}', '--type=json', '[{"op":"remove","path":"/x"}]',
  '--overwrite', '--from-literal=k=v', '--from-file=k8s', '--sort-by=.metadata.name', '--show-labels', '-L', 'app', '--field-selector=status.phase=Running',
  '--tail=1', '--previous', '-i', '-t', '--grace-period=0', '--force', '--cascade=orphan', '--ignore-daemonsets', '--record', 'web:/tmp/x', 'one.txt',
  'quota', 'limits', 'limitrange', '--hard=pods=2', '--hard=requests.storage=1Gi,persistentvolumeclaims=1', '--scopes=BestEffort', 'use-context', 'set-context', 'get-contexts', 'rename-context', 'delete-context', 'set-cluster', 'set-credentials', '--current', '--context=web', '--cluster=web', '--user=web',
  '=', '""', "'", '-', '--', '-x', '--nope', '{', '[', '\u00e9', '0', '-1', '99999999999999999999', '-k', 'kz', 'kz/', '--kustomize=kz',
];

/** What JavaScript engine errors say (a TypeError escaping a command). */
const JS_CRASH = /Cannot read propert|is not a function|is not iterable|of undefined|of null|Maximum call stack|\[object Object\]|Invalid (array|string) length|is not defined|Cannot convert/;

const STDIN = [
  undefined,
  '',
  m['05-storageclass-general-purpose.yaml'],
  m['03-pvc-randserver-data.yaml'],
  'kind: [',
  '{"apiVersion":"v1"}',
  'a: *b',
  '---\n---\n',
  // A quota and a limit range: later lines meet their admission checks.
  'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    pods: "6"\n    requests.storage: 3Gi\n    limits.cpu: "4"\n',
  'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: lr\nspec:\n  limits:\n  - type: Container\n    default: { cpu: 200m }\n    max: { cpu: "1" }\n  - type: PersistentVolumeClaim\n    max: { storage: 2Gi }\n',
  // hostPath volumes: one the node makes, one whose type check fails (no Docker socket on EKS).
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hp\nspec:\n  containers: [{ name: c, image: busybox, command: [sleep, "3600"], volumeMounts: [{ name: d, mountPath: /d }, { name: s, mountPath: /s }] }]\n  volumes: [{ name: d, hostPath: { path: /srv/hp, type: DirectoryOrCreate } }, { name: s, hostPath: { path: /var/run/docker.sock, type: Socket } }]\n',
];

/** Editors `kubectl edit` may get: none, saving as is, and saves that break or change the text. */
const EDITORS: readonly (((text: string) => string) | undefined)[] = [
  undefined,
  (t) => t,
  (t) => t.replace(/: [^\n]*\n/, ': [\n'),
  (t) => t.split('\n').filter((_, i) => i % 7 !== 5).join('\n'),
  (t) => t.replace(/replicas: \d+/, 'replicas: -3').replace(/image: \S+/, 'image: nginx:1.28'),
  (t) => t.replace(/\n {4}[a-z]+:/, '\n    zz:'),
  (t) => t.replace(/name: \S+/, 'name: renamed'),
  () => '',
];

const VALUES = ['web', 'bb', 'nope', 'json', 'yaml', 'wide', 'name', '1s', '0', '-1', '3', 'app=web', 'a', '', 'k8s', 'kz', '-', 'x=y', '{.metadata}', 'Ready', 'None'];

/** A flag the command declares, with a value of its type (or a word that is not one). */
function flagOf(command: string) {
  const flags = COMMANDS[command].flags;
  if (flags.length === 0) return fc.constant('--nope');
  return fc.tuple(fc.constantFrom(...flags), fc.constantFrom(...VALUES), fc.integer({ min: -2, max: 5 })).map(([f, v, n]) =>
    f.type === 'bool' ? `--${f.name}` : f.type === 'int' ? `--${f.name}=${n}` : `--${f.name}=${v}`,
  );
}

/** A command, maybe a subcommand word, then its own flags mixed with arguments. */
const commandLine = fc
  .constantFrom(...Object.keys(COMMANDS))
  .chain((command) => fc.tuple(fc.constant(command), fc.array(fc.oneof(flagOf(command), fc.constantFrom(...WORDS)), { maxLength: 6 })))
  .map(([command, rest]) => [command, ...rest]);

describe('kubectl on random command lines', () => {
  it('returns kubectl output for every line, and a failure explains itself on stderr', () => {
    const base = createCluster({
      seed: 9,
      // The EKS add-ons give the lines kube-system's DaemonSets, host-network pods and a PodDisruptionBudget to act on.
      addons: ['vpc-cni', 'kube-proxy', 'coredns', 'aws-ebs-csi-driver'],
      files: {
        'k8s/a.yaml': m['05-storageclass-general-purpose.yaml'],
        'one.txt': 'one\n',
        'kz/kustomization.yaml': 'resources:\n- pvc.yaml\nnamePrefix: kz-\ncommonLabels: { app: kz }\nconfigMapGenerator:\n- name: cfg\n  literals: [A=1]\npatches:\n- patch: |-\n    [{"op":"replace","path":"/spec/resources/requests/storage","value":"2Gi"}]\n  target: { kind: PersistentVolumeClaim }\n',
        'kz/pvc.yaml': m['03-pvc-randserver-data.yaml'],
      },
    });
    base.kubectl('create deployment web --image=nginx');
    base.kubectl('run bb --image=busybox -- sleep 3600');
    base.advance('1m');
    const context = base.kubectl('config current-context').stdout.trim();
    console.log(`fuzz kubectl-robustness: SEED=${SEED}`);
    fc.assert(
      fc.property(commandLine, fc.constantFrom(...STDIN), fc.constantFrom(...EDITORS), (words, stdin, editor) => {
        const line = words.map((w) => quoteShellWord(w)).join(' ');
        const r = base.kubectl(line, { stdin, editor });
        expect(typeof r.stdout).toBe('string');
        expect(typeof r.stderr).toBe('string');
        // `diff` exits 1 when it found differences (printed on stdout): not a failure.
        const differences = words[0] === 'diff' && r.exitCode === 1;
        // A watch or attach that `--request-timeout` ends is a Ctrl-C: exit 130, and kubectl says nothing.
        const interrupted = r.exitCode === 130 && line.includes('--request-timeout');
        if (r.exitCode !== 0 && !differences && !interrupted) expect(r.stderr.length, `kubectl ${line}`).toBeGreaterThan(0);
        // run.ts prints any thrown Error as `error: …`: an engine error's text there is a crash.
        expect(`${r.stdout}${r.stderr}`, `kubectl ${line}`).not.toMatch(JS_CRASH);
        // A line may have switched the kubeconfig's context or namespace: back to the cluster's own for the next.
        base.kubectl(`config set-context ${context} --cluster=${context} --user=${context} --namespace=`);
        base.kubectl(`config use-context ${context}`);
      }),
      { seed: Number(process.env.KUBECTL_FUZZ_SEED ?? SEED), numRuns: Number(process.env.KUBECTL_FUZZ_RUNS ?? 3000) },
    );
  });
});
