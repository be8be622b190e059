/**
 * The files the kubelet and the runtime put into every container's `/etc`: the kubelet-managed
 * `/etc/hosts` (localhost, the pod's IP and hostname, its FQDN under a subdomain, `hostAliases`)
 * and the `/etc/resolv.conf` of its DNS policy (ClusterFirst: the cluster search path before the
 * node's, the cluster DNS, `ndots:5`; Default: the node's; `dnsConfig` merged in).
 * @see kubernetes pkg/kubelet/kubelet_pods.go (managedHostsFileContent, hostsEntriesFromHostAliases),
 *   pkg/kubelet/network/dns/dns.go (GetPodDNS, appendDNSConfig), containerd's sandbox resolv.conf
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { CLUSTER_DOMAIN, dnsSearchPath } from '../controllers/endpoints/cluster-dns.js';
import { CLUSTER_DNS_IP } from './defaults.js';

/** The node's DNS: the VPC resolver (the VPC CIDR's base + 2) and the region's internal domain. */
export function nodeResolver(region: string): { readonly nameserver: string; readonly search: string } {
  return { nameserver: '10.0.0.2', search: region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal` };
}

/** `managedHostsFileContent` for one pod IP. */
export function managedHostsFile(podIP: string, hostname: string, pod: Pod): string {
  let out = '# Kubernetes-managed hosts file.\n';
  out += '127.0.0.1\tlocalhost\n';
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  const subdomain = pod.spec?.subdomain;
  const domain = subdomain ? `${subdomain}.${pod.metadata?.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}` : '';
  if (podIP) out += domain ? `${podIP}\t${hostname}.${domain}\t${hostname}\n` : `${podIP}\t${hostname}\n`;
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

/** `GetPodDNS` then the runtime's file: `search`, `nameserver` and `options` lines. */
export function podResolvConf(pod: Pod, region: string): string {
  const node = nodeResolver(region);
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  // ClusterFirst does not apply to host-network pods (ClusterFirstWithHostNet does).
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    servers = [CLUSTER_DNS_IP];
    searches = [...dnsSearchPath(pod.metadata?.namespace ?? 'default'), node.search];
    options = ['ndots:5'];
  } else if (policy === 'Default') {
    servers = [node.nameserver];
    searches = [node.search];
  }
  const cfg = pod.spec?.dnsConfig;
  if (cfg) {
    servers = [...servers, ...(cfg.nameservers ?? [])].filter((s, i, all) => all.indexOf(s) === i);
    searches = [...searches, ...(cfg.searches ?? [])].filter((s, i, all) => all.indexOf(s) === i);
    // An option from dnsConfig replaces one of the same name.
    for (const o of cfg.options ?? []) {
      const text = o.value === undefined ? o.name ?? '' : `${o.name}:${o.value}`;
      options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
    }
  }
  let out = '';
  if (searches.length > 0) out += `search ${searches.join(' ')}\n`;
  if (servers.length > 0) out += `nameserver ${servers.join('\nnameserver ')}\n`;
  if (options.length > 0) out += `options ${options.join(' ')}\n`;
  return out;
}
