import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.js';
import { expectOneHostNetworkPodPerNode } from './daemon-pods.fixtures.js';
import { KUBE_PROXY_CONFIG } from './kube-proxy.js';

describe('the kube-proxy add-on', () => {
  const c = createCluster({ seed: 5, addons: ['kube-proxy'] });
  const run = (line: string) => c.kubectl(line);
  const get = (path: string) => run(`get ds kube-proxy -n kube-system -o jsonpath='{${path}}'`).stdout;

  it('runs one ready kube-proxy pod per node, 1/1, on the node IP (hostNetwork)', () => {
    expectOneHostNetworkPodPerNode(c, 'kube-proxy', '1/1');
  });

  it('shows the DaemonSet as kubectl get ds does', () => {
    expect(run('get ds -n kube-system').stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nkube-proxy\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\n$/,
    );
  });

  it('runs the minimal EKS image with EKS’s command, env and pod settings', () => {
    expect(get('.spec.template.spec.containers[0].image')).toBe('602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.33.5-minimal-eksbuild.2');
    expect(get('.spec.template.spec.containers[0].command')).toBe('["kube-proxy","--v=2","--config=/var/lib/kube-proxy-config/config","--hostname-override=$(NODE_NAME)"]');
    expect(get('.spec.template.spec.containers[0].env[0]')).toBe('{"name":"NODE_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}}');
    expect(get('.spec.template.spec.containers[0].resources.requests.cpu')).toBe('100m');
    expect(get('.spec.template.spec.containers[0].securityContext.privileged')).toBe('true');
    expect(get('.spec.template.spec.hostNetwork')).toBe('true');
    expect(get('.spec.template.spec.priorityClassName')).toBe('system-node-critical');
    expect(get('.spec.template.spec.tolerations')).toBe('[{"operator":"Exists"}]');
    expect(get('.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2]')).toBe(
      '{"key":"eks.amazonaws.com/compute-type","operator":"NotIn","values":["fargate"]}',
    );
    expect(get('.spec.template.spec.volumes[*].name')).toBe('varlog xtables-lock lib-modules kubeconfig config');
    expect(get('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('10%');
    expect(JSON.parse(get('.metadata.labels'))).toEqual({ 'eks.amazonaws.com/component': 'kube-proxy', 'k8s-app': 'kube-proxy' });
  });

  it('mounts its KubeProxyConfiguration (iptables mode) and kubeconfig from the two ConfigMaps', () => {
    expect(run('get cm kube-proxy-config -n kube-system -o jsonpath={.data.config}').stdout).toBe(KUBE_PROXY_CONFIG);
    expect(KUBE_PROXY_CONFIG).toContain('\nmode: "iptables"\n');
    expect(KUBE_PROXY_CONFIG).toContain('\n  kubeconfig: /var/lib/kube-proxy/kubeconfig\n');
    const kubeconfig = run('get cm kube-proxy -n kube-system -o jsonpath={.data.kubeconfig}').stdout;
    expect(kubeconfig).toContain('tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token');
    // The server is the control plane endpoint cluster-info prints.
    const endpoint = /https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com/.exec(run('cluster-info').stdout)?.[0];
    expect(kubeconfig).toContain(`\n    server: ${endpoint}\n`);
    expect(run('get sa kube-proxy -n kube-system --no-headers').stdout).toMatch(/^kube-proxy\s/);
  });

  it('counts its 100m request on the node', () => {
    const pod = run('get pods -n kube-system -o name').stdout.split('\n')[0].replace('pod/', '');
    const node = run(`get pod ${pod} -n kube-system -o jsonpath={.spec.nodeName}`).stdout;
    expect(run(`describe node ${node}`).stdout).toMatch(new RegExp(`kube-system\\s+${pod}\\s+100m \\(5%\\)\\s+0 \\(0%\\)\\s+0 \\(0%\\)\\s+0 \\(0%\\)`));
  });

  it('stays up: ten minutes later every pod is still 1/1 Running with no restart', () => {
    c.advance('10m');
    for (const row of run('get pods -n kube-system --no-headers').stdout.trim().split('\n')) expect(row).toMatch(/\s1\/1\s+Running\s+0\s/);
  });
});
