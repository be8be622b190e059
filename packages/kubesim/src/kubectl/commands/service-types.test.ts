import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

describe('Services of type NodePort and LoadBalancer on a whole cluster', () => {
  it('expose --type=LoadBalancer: a node port at once, EXTERNAL-IP <pending> until the ELB exists; describe shows its ingress', () => {
    const c = createCluster({ seed: 4 });
    c.kubectl('create deployment web --image=nginx');
    c.kubectl('expose deployment web --port=80 --type=LoadBalancer');
    const row = () => c.kubectl('get svc web --no-headers').stdout.trim().split(/\s+/);
    const [, type, , external, ports] = row();
    expect([type, external]).toEqual(['LoadBalancer', '<pending>']);
    expect(ports).toMatch(/^80:(3[0-2]\d{3})\/TCP$/);
    c.advance('5s');
    const hostname = row()[3];
    expect(hostname).toMatch(/^a[0-9a-f]{31}-\d{9,10}\.us-east-1\.elb\.amazonaws\.com$/);
    const describe = c.kubectl('describe svc web').stdout;
    expect(describe).toContain(`LoadBalancer Ingress:     ${hostname}\n`);
    expect(describe).toContain('Session Affinity:         None\nExternal Traffic Policy:  Cluster\nInternal Traffic Policy:  Cluster\n');
    expect(describe).toMatch(/Normal {2}EnsuringLoadBalancer {2}\d+s +service-controller {2}Ensuring load balancer\n/);
    // kubectl delete waits while the controller deletes the balancer and lifts its finalizer.
    expect(c.kubectl('delete svc web')).toEqual({ stdout: 'service "web" deleted\n', stderr: '', exitCode: 0 });
    expect(c.kubectl('get svc web').stderr).toBe('Error from server (NotFound): services "web" not found\n');
  });

  it('create service nodeport: a taken node port is refused in the API server words', () => {
    const c = createCluster({ seed: 4 });
    expect(c.kubectl('create service nodeport a --tcp=80:8080 --node-port=30080').exitCode).toBe(0);
    expect(c.kubectl('create service nodeport b --tcp=80:8080 --node-port=30080').stderr).toBe(
      'error: failed to create NodePort service: Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
    );
    expect(c.kubectl('get svc a --no-headers').stdout).toMatch(/^a +NodePort +10\.100\.\d+\.\d+ +<none> +80:30080\/TCP +0s\n$/);
  });
});
