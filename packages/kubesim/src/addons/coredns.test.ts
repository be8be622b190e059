import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.js';
import { COREFILE, KUBE_DNS_IP } from './coredns.js';

describe('the coredns add-on', () => {
  const c = createCluster({ seed: 3, addons: ['coredns'] });
  const run = (line: string) => c.kubectl(line);

  it('runs two ready CoreDNS replicas from the EKS image, on two nodes, before the cluster is handed over', () => {
    const pods = run('get pods -n kube-system -o wide --no-headers').stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
    for (const line of pods) expect(line).toMatch(/^coredns-[0-9a-f]{9,10}-[0-9a-z]{5}\s+1\/1\s+Running\s+0\s/);
    const nodes = pods.map((l) => l.split(/\s+/)[6]);
    expect(new Set(nodes).size).toBe(2);
    expect(run('get deploy coredns -n kube-system -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe(
      '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.12.4-eksbuild.1',
    );
    expect(run('get deploy -n kube-system --no-headers').stdout).toMatch(/^coredns\s+2\/2\s+2\s+2\s/);
  });

  it('pulls from the EKS registry of the cluster region', () => {
    const eu = createCluster({ seed: 3, region: 'af-south-1', addons: ['coredns'] });
    expect(eu.kubectl('get deploy coredns -n kube-system -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe(
      '877085696533.dkr.ecr.af-south-1.amazonaws.com/eks/coredns:v1.12.4-eksbuild.1',
    );
  });

  it('serves kube-dns at the address every pod resolv.conf names, with both replicas as endpoints', () => {
    expect(run('get svc kube-dns -n kube-system --no-headers').stdout).toMatch(/^kube-dns\s+ClusterIP\s+10\.100\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP\s/);
    const ips = run('get pods -n kube-system -l k8s-app=kube-dns -o jsonpath={.items[*].status.podIP}').stdout.split(' ').sort();
    const endpoints = run('get endpoints kube-dns -n kube-system -o jsonpath={.subsets[0].addresses[*].ip}').stdout.split(' ').sort();
    expect(endpoints).toEqual(ips);
    run('run bb --image=busybox --restart=Never -- sleep 3600');
    c.advance('10s');
    expect(run('exec bb -- cat /etc/resolv.conf').stdout).toContain(`nameserver ${KUBE_DNS_IP}\n`);
    expect(run('exec bb -- nslookup kube-dns.kube-system').stdout).toContain(KUBE_DNS_IP);
  });

  it('loads the Corefile from its ConfigMap (reload logs its SHA-512) and counts against the nodes', () => {
    expect(run('get cm coredns -n kube-system -o jsonpath={.data.Corefile}').stdout).toBe(COREFILE);
    const pod = run('get pods -n kube-system -o name').stdout.split('\n')[0];
    const log = run(`logs -n kube-system ${pod}`).stdout;
    expect(log).toContain(`[INFO] plugin/reload: Running configuration SHA512 = ${createHash('sha512').update(COREFILE).digest('hex')}\n`);
    expect(log.split('\n')[0]).toBe('.:53');
    const node = run(`get ${pod} -n kube-system -o jsonpath={.spec.nodeName}`).stdout;
    expect(run(`describe node ${node}`).stdout).toMatch(/kube-system\s+coredns-\S+\s+100m \(5%\)\s+0 \(0%\)\s+70Mi \(0%\)\s+170Mi \(2%\)/);
  });

  it('readiness follows the ready endpoint: no Unhealthy events over ten minutes', () => {
    c.advance('10m');
    expect(run('get events -n kube-system --field-selector reason=Unhealthy').stdout).toBe('');
    expect(run('get pods -n kube-system --no-headers').stdout).not.toContain('0/1');
  });

  it('is what answers: with CoreDNS scaled to zero, lookups time out; back up, they resolve again', () => {
    const d = createCluster({ seed: 4, addons: ['coredns'] });
    const k = (line: string) => d.kubectl(line);
    k('create deployment web --image=nginx --port=80');
    k('expose deployment web --port=80');
    k('run bb --image=busybox --restart=Never -- sleep 3600');
    d.advance('30s');
    expect(k('exec bb -- nslookup web').stdout).toContain('Name:\tweb.default.svc.cluster.local\n');
    k('scale deployment coredns -n kube-system --replicas=0');
    d.advance('1m');
    expect(k('get endpoints kube-dns -n kube-system -o jsonpath={.subsets}').stdout).toBe('');
    const down = k('exec bb -- nslookup web');
    expect(down.stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(down.exitCode).toBe(1);
    expect(k('exec bb -- wget -q -O- -T 2 http://web').stderr).toBe("wget: bad address 'web'\ncommand terminated with exit code 1\n");
    k('scale deployment coredns -n kube-system --replicas=2');
    d.advance('1m');
    expect(k('exec bb -- nslookup web').stdout).toContain('Name:\tweb.default.svc.cluster.local\n');
  });

  it('refuses an add-on it does not know, naming the known ones', () => {
    expect(() => createCluster({ addons: ['metrics-server' as never] })).toThrow(/unknown add-on "metrics-server"; known add-ons: \[.*"coredns".*\]/);
  });
});

describe('the coredns add-on on a cluster without nodes', () => {
  it('leaves the replicas Pending and hands the cluster over after ten minutes, as EKS reports a degraded add-on', () => {
    const c = createCluster({ seed: 3, nodes: [{ zone: 'us-east-1a', count: 0 }], addons: ['coredns'] });
    expect(c.now()).toBe(600_000);
    expect(c.kubectl('get pods -n kube-system --no-headers').stdout).toMatch(/^coredns-\S+\s+0\/1\s+Pending\s/);
  });
});
