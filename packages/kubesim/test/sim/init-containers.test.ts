/**
 * The init-container example of the Kubernetes docs ("Init Containers", myapp-pod): two init
 * containers loop `until nslookup <service>; do echo waiting for <service>; sleep 2; done`, so the
 * pod stays `Init:0/2` until Service myservice exists, `Init:1/2` until mydb does, then runs.
 * `kubectl logs -c` reads an init container's log.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from 'kubesim';
import { applyYaml, initContainersPod, kubectlOk, portService } from './helpers.js';

const POD = initContainersPod('default');

describe('init containers (the docs example)', () => {
  it('wait in their until-loops for their Services, one after the other; then the app starts', () => {
    const c = createCluster({ seed: 1 });
    applyYaml(c, POD);
    c.advance('20s');
    expect(kubectlOk(c, 'get pod myapp-pod --no-headers')).toMatch(/^myapp-pod +0\/1 +Init:0\/2 +0 +20s\n$/);
    // One round every 2 s: nslookup's answer (busybox 1.36's wording), then the loop's line.
    const waiting = kubectlOk(c, 'logs myapp-pod -c init-myservice --tail 5');
    expect(waiting).toBe("Server:\t\t10.100.0.10\nAddress:\t10.100.0.10:53\n\n** server can't find myservice.default.svc.cluster.local: NXDOMAIN\nwaiting for myservice\n");
    expect(kubectlOk(c, 'logs myapp-pod -c init-myservice').split('waiting for myservice').length - 1).toBe(9); // from its start at 2 s, every 2 s
    expect(c.kubectl('logs myapp-pod -c init-myservice').stderr).toBe('');
    expect(c.kubectl('logs myapp-pod -c nope').stderr).toBe('error: container nope is not valid for pod myapp-pod out of: myapp-container, init-myservice (init), init-mydb (init)\n');
    expect(c.kubectl('logs myapp-pod').stderr).toMatch(/^Defaulted container "myapp-container" out of: myapp-container, init-myservice \(init\), init-mydb \(init\)\n/);

    applyYaml(c, portService('myservice', 9376));
    c.advance('5s');
    expect(kubectlOk(c, 'get pod myapp-pod --no-headers')).toMatch(/^myapp-pod +0\/1 +Init:1\/2 +0 +25s\n$/);
    expect(kubectlOk(c, 'logs myapp-pod -c init-myservice --tail 2')).toMatch(/^Name:\tmyservice\.default\.svc\.cluster\.local\nAddress: 10\.100\.\d+\.\d+\n$/);

    applyYaml(c, portService('mydb', 9377));
    c.advance('10s');
    expect(kubectlOk(c, 'get pod myapp-pod --no-headers')).toMatch(/^myapp-pod +1\/1 +Running +0 +35s\n$/);
    expect(c.kubectl('logs myapp-pod').stdout).toBe('The app is running!\n');
  });
});
