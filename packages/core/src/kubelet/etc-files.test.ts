import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { managedHostsFile, podResolvConf } from './etc-files.js';

const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}, namespace = 'shop'): Pod => ({ metadata: { name: 'web-0', namespace }, spec: { containers: [], ...spec } });

describe('/etc/resolv.conf (GetPodDNS)', () => {
  it('ClusterFirst: the namespace search path before the node domain, the cluster DNS, ndots:5', () => {
    expect(podResolvConf(pod(), 'us-east-1')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local ec2.internal\nnameserver 10.100.0.10\noptions ndots:5\n');
    expect(podResolvConf(pod(), 'eu-west-1')).toContain(' eu-west-1.compute.internal\n');
  });

  it('a host-network pod with ClusterFirst gets the node resolver; ClusterFirstWithHostNet keeps the cluster DNS', () => {
    expect(podResolvConf(pod({ hostNetwork: true }), 'us-east-1')).toBe('search ec2.internal\nnameserver 10.0.0.2\n');
    expect(podResolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), 'us-east-1')).toContain('nameserver 10.100.0.10\n');
    expect(podResolvConf(pod({ dnsPolicy: 'Default' }), 'us-east-1')).toBe('search ec2.internal\nnameserver 10.0.0.2\n');
  });

  it('dnsConfig is appended (no duplicates), its options replace those of the same name; None takes only dnsConfig', () => {
    const cfg = { nameservers: ['1.1.1.1'], searches: ['cluster.local', 'example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] };
    expect(podResolvConf(pod({ dnsConfig: cfg }), 'us-east-1')).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local ec2.internal example.com\nnameserver 10.100.0.10\nnameserver 1.1.1.1\noptions ndots:2 edns0\n',
    );
    expect(podResolvConf(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['8.8.8.8'] } }), 'us-east-1')).toBe('nameserver 8.8.8.8\n');
  });
});

describe('/etc/hosts (managedHostsFileContent)', () => {
  const HEADER = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

  it('the pod IP with the hostname, or its FQDN under a subdomain first; host aliases after a comment', () => {
    expect(managedHostsFile('10.0.1.5', 'web-0', pod())).toBe(`${HEADER}10.0.1.5\tweb-0\n`);
    expect(managedHostsFile('10.0.1.5', 'web-0', pod({ subdomain: 'web', hostAliases: [{ ip: '10.9.9.9', hostnames: ['a.local', 'b.local'] }] }))).toBe(
      `${HEADER}10.0.1.5\tweb-0.web.shop.svc.cluster.local\tweb-0\n\n# Entries added by HostAliases.\n10.9.9.9\ta.local\tb.local\n`,
    );
  });
});
