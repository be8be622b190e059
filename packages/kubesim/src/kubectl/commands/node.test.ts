import type { KubeObject } from '@kubesim/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHAPTER_NODE, type KubectlHarness, makeDeployment, makeHarness, makeNode, makeReplicaSetFor, PodBuilder } from '../testing/index.js';
import type { NodeObj } from '../types.js';

let h: KubectlHarness;
const node = () => h.core.store.get<NodeObj>('Node', undefined, CHAPTER_NODE) as NodeObj;
const BAD_DRY_RUN = 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n';

beforeEach(() => {
  h = makeHarness();
  h.put(makeNode(CHAPTER_NODE));
});

describe('kubectl taint', () => {
  it('adds key=value:Effect, refuses a duplicate without --overwrite, removes with key:Effect- and key-', () => {
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=db:NoSchedule`)).toEqual({ stdout: `node/${CHAPTER_NODE} tainted\n`, stderr: '', exitCode: 0 });
    expect(node().spec?.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    expect(h.kubectl(`taint node ${CHAPTER_NODE} dedicated=web:NoSchedule`).stderr).toBe(
      `error: node ${CHAPTER_NODE} already has dedicated taint(s) with same effect(s) and --overwrite is false\n`,
    );
    expect(h.kubectl(`taint node ${CHAPTER_NODE} dedicated=web:NoSchedule --overwrite`).stdout).toBe(`node/${CHAPTER_NODE} modified\n`);
    expect(node().spec?.taints?.[0].value).toBe('web');
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated:NoSchedule-`).stdout).toBe(`node/${CHAPTER_NODE} untainted\n`);
    expect(node().spec?.taints).toBeUndefined();
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated-`).stderr).toBe('error: taint "dedicated" not found\n');
  });

  it('NoExecute taints get timeAdded; bad effects are refused', () => {
    h.kubectl(`taint nodes ${CHAPTER_NODE} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute`);
    expect(node().spec?.taints?.[0].timeAdded).toBe('2026-01-01T00:00:00Z');
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} a=b:Sometimes`).stderr).toBe('error: invalid taint effect: Sometimes, unsupported taint effect\n');
  });

  it('--dry-run prints tainted / modified / untainted with the suffix and leaves the node alone', () => {
    const rv = node().metadata.resourceVersion;
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=db:NoSchedule --dry-run=client`)).toEqual({
      stdout: `node/${CHAPTER_NODE} tainted (dry run)\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=db:NoSchedule --dry-run=server`).stdout).toBe(`node/${CHAPTER_NODE} tainted (server dry run)\n`);
    expect(node().spec?.taints).toBeUndefined();
    expect(node().metadata.resourceVersion).toBe(rv);
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=db:NoSchedule --dry-run=maybe`)).toEqual({ stdout: '', stderr: BAD_DRY_RUN, exitCode: 1 });
    h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=db:NoSchedule`);
    const tainted = node().metadata.resourceVersion;
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated=web:NoSchedule --overwrite --dry-run=client`).stdout).toBe(`node/${CHAPTER_NODE} modified (dry run)\n`);
    expect(h.kubectl(`taint nodes ${CHAPTER_NODE} dedicated- --dry-run=server`).stdout).toBe(`node/${CHAPTER_NODE} untainted (server dry run)\n`);
    expect(node().spec?.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    expect(node().metadata.resourceVersion).toBe(tainted);
  });
});

describe('kubectl cordon / uncordon', () => {
  it('sets spec.unschedulable and reports already-done states', () => {
    expect(h.kubectl(`cordon ${CHAPTER_NODE}`).stdout).toBe(`node/${CHAPTER_NODE} cordoned\n`);
    expect(node().spec?.unschedulable).toBe(true);
    expect(h.kubectl('get nodes').stdout).toContain('Ready,SchedulingDisabled');
    expect(h.kubectl(`cordon ${CHAPTER_NODE}`).stdout).toBe(`node/${CHAPTER_NODE} already cordoned\n`);
    expect(h.kubectl(`uncordon ${CHAPTER_NODE}`).stdout).toBe(`node/${CHAPTER_NODE} uncordoned\n`);
    expect(node().spec?.unschedulable).toBeUndefined();
    expect(h.kubectl(`uncordon ${CHAPTER_NODE}`).stdout).toBe(`node/${CHAPTER_NODE} already uncordoned\n`);
    expect(h.kubectl('cordon nope').stderr).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('--dry-run prints the would-be state (already-done states too) and changes nothing', () => {
    const rv = node().metadata.resourceVersion;
    expect(h.kubectl(`cordon ${CHAPTER_NODE} --dry-run=client`)).toEqual({ stdout: `node/${CHAPTER_NODE} cordoned (dry run)\n`, stderr: '', exitCode: 0 });
    expect(h.kubectl(`cordon ${CHAPTER_NODE} --dry-run=server`).stdout).toBe(`node/${CHAPTER_NODE} cordoned (server dry run)\n`);
    expect(h.kubectl(`uncordon ${CHAPTER_NODE} --dry-run=client`).stdout).toBe(`node/${CHAPTER_NODE} already uncordoned (dry run)\n`);
    expect(h.kubectl(`cordon ${CHAPTER_NODE} --dry-run=maybe`)).toEqual({ stdout: '', stderr: BAD_DRY_RUN, exitCode: 1 });
    expect(node().spec?.unschedulable).toBeUndefined();
    expect(node().metadata.resourceVersion).toBe(rv);
    h.kubectl(`cordon ${CHAPTER_NODE}`);
    const cordoned = node().metadata.resourceVersion;
    expect(h.kubectl(`uncordon ${CHAPTER_NODE} --dry-run=server`).stdout).toBe(`node/${CHAPTER_NODE} uncordoned (server dry run)\n`);
    expect(h.kubectl(`cordon ${CHAPTER_NODE} --dry-run=server`).stdout).toBe(`node/${CHAPTER_NODE} already cordoned (server dry run)\n`);
    expect(node().spec?.unschedulable).toBe(true);
    expect(node().metadata.resourceVersion).toBe(cordoned);
  });
});

describe('kubectl drain', () => {
  beforeEach(() => {
    const ds = h.put<KubeObject>({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'aws-node', namespace: 'kube-system' }, spec: { selector: { matchLabels: { k8s: 'aws-node' } }, template: { metadata: { labels: { k8s: 'aws-node' } }, spec: { containers: [{ name: 'aws-node', image: 'amazon-k8s-cni' }] } } } });
    const d = h.put(makeDeployment('randserver', 1));
    const rs = h.put(makeReplicaSetFor(d, '79559c5fb6'));
    h.put(new PodBuilder('aws-node-x7k2p', 'kube-system').owner('DaemonSet', 'aws-node', ds.metadata.uid ?? '').running(CHAPTER_NODE, '10.0.1.23').obj());
    h.put(new PodBuilder('randserver-79559c5fb6-htnxm').labels({ app: 'randserver' }).owner('ReplicaSet', rs.metadata.name ?? '', rs.metadata.uid ?? '').emptyDir().running(CHAPTER_NODE, '10.0.1.77').obj());
  });

  it('without flags: cordons, then refuses with every blocking reason', () => {
    const r = h.kubectl(`drain ${CHAPTER_NODE}`);
    expect(r.stdout).toBe(`node/${CHAPTER_NODE} cordoned\n`);
    expect(r.stderr).toBe(
      [
        `error: unable to drain node "${CHAPTER_NODE}" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/aws-node-x7k2p, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/randserver-79559c5fb6-htnxm], continuing command...`,
        'There are pending nodes to be drained:',
        ` ${CHAPTER_NODE}`,
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/aws-node-x7k2p',
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/randserver-79559c5fb6-htnxm',
        '',
      ].join('\n'),
    );
    expect(r.exitCode).toBe(1);
    expect(h.core.store.get('Pod', 'default', 'randserver-79559c5fb6-htnxm')).toBeDefined();
  });

  it('--ignore-daemonsets --delete-emptydir-data evicts, waits, and reports drained', () => {
    const r = h.kubectl(`drain ${CHAPTER_NODE} --ignore-daemonsets --delete-emptydir-data`);
    // kubectl keeps the last filter's status: a controlled pod's local-storage warning is dropped.
    expect(r.stderr).toBe('Warning: ignoring DaemonSet-managed Pods: kube-system/aws-node-x7k2p\n');
    expect(r.stdout).toBe(
      [
        `node/${CHAPTER_NODE} cordoned`,
        'evicting pod default/randserver-79559c5fb6-htnxm',
        'pod/randserver-79559c5fb6-htnxm evicted',
        `node/${CHAPTER_NODE} drained`,
        '',
      ].join('\n'),
    );
    expect(h.core.store.get('Pod', 'default', 'randserver-79559c5fb6-htnxm')).toBeUndefined();
    expect(h.core.store.get('Pod', 'kube-system', 'aws-node-x7k2p')).toBeDefined();
  });

  it('pods without a controller need --force', () => {
    h.put(new PodBuilder('bare').running(CHAPTER_NODE, '10.0.1.78').obj());
    const r = h.kubectl(`drain ${CHAPTER_NODE} --ignore-daemonsets --delete-emptydir-data`);
    expect(r.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare');
    const f = h.kubectl(`drain ${CHAPTER_NODE} --ignore-daemonsets --delete-emptydir-data --force`);
    expect(f.stderr).toContain('deleting Pods that declare no controller: default/bare');
    expect(f.stdout).toContain('pod/bare evicted\n');
    expect(f.exitCode).toBe(0);
  });

  it('--dry-run: the cordon, each eviction and drained carry the suffix; nothing is cordoned or evicted', () => {
    const pod = () => h.core.store.get('Pod', 'default', 'randserver-79559c5fb6-htnxm');
    const podRv = pod()?.metadata.resourceVersion;
    const nodeRv = node().metadata.resourceVersion;
    const now = h.core.clock.now();
    for (const [mode, suffix] of [
      ['client', ' (dry run)'],
      ['server', ' (server dry run)'],
    ]) {
      const r = h.kubectl(`drain ${CHAPTER_NODE} --ignore-daemonsets --delete-emptydir-data --dry-run=${mode}`);
      expect(r).toEqual({
        stdout: [`node/${CHAPTER_NODE} cordoned${suffix}`, `evicting pod default/randserver-79559c5fb6-htnxm${suffix}`, `node/${CHAPTER_NODE} drained${suffix}`, ''].join('\n'),
        stderr: 'Warning: ignoring DaemonSet-managed Pods: kube-system/aws-node-x7k2p\n',
        exitCode: 0,
      });
    }
    expect(h.kubectl(`drain ${CHAPTER_NODE} --ignore-daemonsets --delete-emptydir-data --dry-run=maybe`)).toEqual({ stdout: '', stderr: BAD_DRY_RUN, exitCode: 1 });
    expect(h.core.clock.now()).toBe(now);
    expect(pod()?.metadata.resourceVersion).toBe(podRv);
    expect(pod()?.metadata.deletionTimestamp).toBeUndefined();
    expect(node().spec?.unschedulable).toBeUndefined();
    expect(node().metadata.resourceVersion).toBe(nodeRv);
  });
});
