import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

const TAIL = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
const ESC = String.fromCharCode(27);
/** The output with go-colortext's escape character shown as `<ESC>`. */
const visible = (s: string) => s.replaceAll(ESC, '<ESC>');

describe('kubectl cluster-info (clusterinfo.go)', () => {
  it('names the EKS endpoint of the cluster id its OIDC issuer has, coloured as go-colortext writes it', () => {
    const c = createCluster({ seed: 5, region: 'eu-west-1' });
    const r = c.kubectl('cluster-info');
    const m = /^<ESC>\[0;32mKubernetes control plane<ESC>\[0m is running at <ESC>\[0;33mhttps:\/\/([0-9A-F]{32})\.gr7\.eu-west-1\.eks\.amazonaws\.com<ESC>\[0m\n$/.exec(visible(r.stdout.slice(0, -TAIL.length)));
    expect(m).not.toBeNull();
    expect(r.stdout.endsWith(TAIL)).toBe(true);
    const token = c.kubectl('create token default').stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.iss).toBe(`https://oidc.eks.eu-west-1.amazonaws.com/id/${m?.[1]}`);
  });

  it('lists kube-system Services labelled kubernetes.io/cluster-service=true by their kubernetes.io/name, through the service proxy', () => {
    const c = createCluster({ seed: 5, addons: ['coredns'] });
    const host = /https:\/\/[^<]+/.exec(visible(c.kubectl('cluster-info').stdout))?.[0];
    expect(c.kubectl('cluster-info').stdout.split('\n')[1]).toBe(`\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33m${host}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m`);
    // Another namespace: only the services labelled there (none), an https port is named with its scheme.
    expect(c.kubectl('cluster-info -n default').stdout.split('\n')).toHaveLength(4);
    c.kubectl('create service clusterip secure --tcp=443:8443');
    c.kubectl('label svc secure kubernetes.io/cluster-service=true');
    expect(c.kubectl('cluster-info -n default').stdout.split('\n')[1]).toBe(`\x1b[0;32msecure\x1b[0m is running at \x1b[0;33m${host}/api/v1/namespaces/default/services/https:secure:443-8443/proxy\x1b[0m`);
  });

  it('does not pretend to dump', () => {
    const r = createCluster().kubectl('cluster-info dump');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
  });
});
