/**
 * The API server's own `default/kubernetes` Service, as every EKS cluster has it from the start.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { kubectlOk } from './helpers.js';

describe('default/kubernetes', () => {
  it('exists from the start: ClusterIP 10.100.0.1:443, Endpoints on the control plane ENIs, resolvable from a pod', () => {
    const c = createCluster({ seed: 4 });
    expect(kubectlOk(c, 'get svc')).toBe(
      ['NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE', 'kubernetes   ClusterIP   10.100.0.1   <none>        443/TCP   0s', ''].join('\n'),
    );
    expect(kubectlOk(c, 'get svc kubernetes -o jsonpath={.metadata.labels}')).toBe('{"component":"apiserver","provider":"kubernetes"}');
    expect(kubectlOk(c, 'get endpoints kubernetes -o jsonpath={.subsets[0].ports[0].port}:{.subsets[0].addresses[*].ip}')).toMatch(/^443:10\.0\.\d+\.\d+ 10\.0\.\d+\.\d+$/);
    kubectlOk(c, 'run box --image=busybox -- sleep 3600');
    kubectlOk(c, 'wait --for=condition=Ready pod/box --timeout=1m');
    expect(kubectlOk(c, 'exec box -- nslookup kubernetes.default')).toContain('Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.100.0.1\n');
  });

  it('deleted, it comes back at the next reconcile (10 s) with the same address', () => {
    const c = createCluster({ seed: 4 });
    c.advance('12s');
    const uid = c.get('Service', 'kubernetes')?.metadata.uid;
    expect(kubectlOk(c, 'delete svc kubernetes')).toBe('service "kubernetes" deleted\n');
    expect(c.get('Service', 'kubernetes')).toBeUndefined();
    c.advance('7s');
    expect(c.get('Service', 'kubernetes')).toBeUndefined();
    c.advance('1s');
    const again = c.get('Service', 'kubernetes') as unknown as { metadata: { uid?: string }; spec: { clusterIP: string } };
    expect(again.spec.clusterIP).toBe('10.100.0.1');
    expect(again.metadata.uid).not.toBe(uid);
    expect(c.get('Endpoints', 'kubernetes')).toBeDefined();
    // A user Service cannot take its address.
    expect(c.kubectl('create service clusterip other --tcp=80 --clusterip=10.100.0.1').stderr).toContain('provided IP is already allocated');
  });
});
