import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.js';
import { expectOneHostNetworkPodPerNode } from './daemon-pods.fixtures.js';
import { NETWORK_POLICY_AGENT_VERSION, VPC_CNI_VERSION } from './vpc-cni.js';

const REGISTRY = '602401143452.dkr.ecr.us-east-1.amazonaws.com';

describe('the vpc-cni add-on', () => {
  const c = createCluster({ seed: 4, addons: ['vpc-cni'] });
  const run = (line: string) => c.kubectl(line);
  const awsNode = () => run('get pods -n kube-system -l k8s-app=aws-node -o name').stdout.trim().split('\n')[0].replace('pod/', '');

  it('runs one ready aws-node pod per node, 2/2, on the node IP (hostNetwork)', () => {
    expectOneHostNetworkPodPerNode(c, 'aws-node', '2/2');
  });

  it('shows the DaemonSet as kubectl get ds does: 3 desired, current, ready, up to date and available', () => {
    expect(run('get ds -n kube-system').stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\naws-node\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\n$/,
    );
  });

  it('runs the EKS images, probes and pod settings of the add-on', () => {
    const get = (path: string) => run(`get ds aws-node -n kube-system -o jsonpath='{${path}}'`).stdout;
    expect(get('.spec.template.spec.initContainers[0].image')).toBe(`${REGISTRY}/amazon-k8s-cni-init:${VPC_CNI_VERSION}`);
    expect(get('.spec.template.spec.containers[*].name')).toBe('aws-node aws-eks-nodeagent');
    expect(get('.spec.template.spec.containers[0].image')).toBe(`${REGISTRY}/amazon-k8s-cni:v1.21.1-eksbuild.5`);
    expect(get('.spec.template.spec.containers[1].image')).toBe(`${REGISTRY}/amazon/aws-network-policy-agent:${NETWORK_POLICY_AGENT_VERSION}`);
    expect(get('.spec.template.spec.containers[0].readinessProbe.exec.command')).toBe('["/app/grpc-health-probe","-addr=:50051","-connect-timeout=5s","-rpc-timeout=5s"]');
    expect(get('.spec.template.spec.containers[0].livenessProbe.initialDelaySeconds')).toBe('60');
    expect(get('.spec.template.spec.containers[0].resources.requests.cpu')).toBe('25m');
    expect(get('.spec.template.spec.hostNetwork')).toBe('true');
    expect(get('.spec.template.spec.priorityClassName')).toBe('system-node-critical');
    expect(get('.spec.template.spec.tolerations')).toBe('[{"operator":"Exists"}]');
    expect(get('.spec.updateStrategy.rollingUpdate.maxUnavailable')).toBe('10%');
    expect(JSON.parse(get('.metadata.labels'))).toEqual({
      'app.kubernetes.io/instance': 'aws-vpc-cni',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/name': 'aws-node',
      'app.kubernetes.io/version': 'v1.21.1',
      'helm.sh/chart': 'aws-vpc-cni-1.21.1',
      'k8s-app': 'aws-node',
    });
    expect(run('get cm amazon-vpc-cni -n kube-system -o jsonpath={.data}').stdout).toBe('{"enable-network-policy-controller":"false","enable-windows-ipam":"false"}');
    expect(run('get sa aws-node -n kube-system --no-headers').stdout).toMatch(/^aws-node\s/);
  });

  it('ran the init container to completion before the two containers started', () => {
    const pod = awsNode();
    expect(run(`get pod ${pod} -n kube-system -o jsonpath={.status.initContainerStatuses[0].state.terminated.reason}:{.status.initContainerStatuses[0].state.terminated.exitCode}`).stdout).toBe('Completed:0');
    expect(run(`get pod ${pod} -n kube-system -o jsonpath={.spec.priority}`).stdout).toBe('2000001000');
  });

  it('counts both containers’ 25m requests (50m) on the node', () => {
    const pod = awsNode();
    const node = run(`get pod ${pod} -n kube-system -o jsonpath={.spec.nodeName}`).stdout;
    expect(run(`describe node ${node}`).stdout).toMatch(new RegExp(`kube-system\\s+${pod}\\s+50m \\(2%\\)\\s+0 \\(0%\\)\\s+0 \\(0%\\)\\s+0 \\(0%\\)`));
  });

  it('ships grpc-health-probe, which answers as the real tool on ipamd’s port and fails elsewhere', () => {
    const pod = awsNode();
    expect(run(`exec -n kube-system ${pod} -c aws-node -- /app/grpc-health-probe -addr=:50051`)).toEqual({ stdout: '', stderr: 'status: SERVING\n', exitCode: 0 });
    const other = run(`exec -n kube-system ${pod} -c aws-node -- /app/grpc-health-probe -addr=:50052 -connect-timeout=5s`);
    expect([other.stderr, other.exitCode]).toEqual(['timeout: failed to connect service ":50052" within 5s\ncommand terminated with exit code 2\n', 2]);
    const none = run(`exec -n kube-system ${pod} -c aws-node -- /app/grpc-health-probe`);
    expect([none.stderr, none.exitCode]).toEqual(['error: -addr not specified\ncommand terminated with exit code 1\n', 1]);
  });

  it('stays ready: its exec probes pass for ten minutes without an Unhealthy event or a restart', () => {
    c.advance('10m');
    expect(run('get events -n kube-system --field-selector reason=Unhealthy').stdout).toBe('');
    for (const row of run('get pods -n kube-system --no-headers').stdout.trim().split('\n')) expect(row).toMatch(/\s2\/2\s+Running\s+0\s/);
  });
});
