import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';

// A 3-replica Deployment guarded by minAvailable 2; a replacement is Ready 20 s after it starts.
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: errm/randserver
        readinessProbe:
          tcpSocket:
            port: 3000
          initialDelaySeconds: 20
          periodSeconds: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

const RETRY = (pod: string) =>
  `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;

/** Two nodes, the Deployment spread 2 + 1 over them; returns the node with two pods and its pods. */
function setup() {
  const c = createCluster({ seed: 1, nodes: [{ zone: 'us-east-1a', count: 2 }] });
  c.kubectl('apply -f -', { stdin: MANIFEST });
  c.advance('60s');
  const rows = c.kubectl('get pods -o wide --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/));
  const nodes = rows.map((r) => r[6]);
  const node = nodes.find((n, i) => nodes.indexOf(n) !== i) as string;
  const [first, second] = rows.filter((r) => r[6] === node).map((r) => r[0]);
  return { c, node, first, second };
}

describe('kubectl drain through the eviction API with a PodDisruptionBudget', () => {
  it('get pdb before the drain: one disruption allowed', () => {
    const { c } = setup();
    expect(c.kubectl('get pdb').stdout).toBe(
      'NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb    2               N/A               1                     60s\n',
    );
  });

  it('evicts one pod, retries the next every 5 s until the replacement is Ready, then finishes', () => {
    const { c, node, first, second } = setup();
    const start = c.now();
    const r = c.kubectl(`drain ${node} --ignore-daemonsets --timeout=2m`);
    expect(r.stdout).toBe(
      [
        `node/${node} cordoned`,
        `evicting pod default/${first}`,
        `evicting pod default/${second}`,
        `pod/${first} evicted`,
        ...Array(5).fill(`evicting pod default/${second}`),
        `pod/${second} evicted`,
        `node/${node} drained`,
        '',
      ].join('\n'),
    );
    // Attempts at 0, 5, 10, 15, 20 s are refused; the one at 25 s passes once the replacement is Ready.
    expect(r.stderr).toBe(RETRY(second).repeat(5));
    expect(r.exitCode).toBe(0);
    expect(c.now() - start).toBe(26_000);
    expect(c.kubectl(`get pods -o wide --no-headers`).stdout).not.toContain(node);
  });

  it('gives up when --timeout passes: the pending pod, the node error, exit 1', () => {
    const { c, node, first, second } = setup();
    const start = c.now();
    const r = c.kubectl(`drain ${node} --ignore-daemonsets --timeout=12s`);
    const failure = `error when evicting pods/"${second}" -n "default": global timeout reached: 12s`;
    expect(r).toEqual({
      stdout: [
        `node/${node} cordoned`,
        `evicting pod default/${first}`,
        `evicting pod default/${second}`,
        `pod/${first} evicted`,
        `evicting pod default/${second}`,
        `evicting pod default/${second}`,
        // The 5 s sleep is not cut short: the attempt at 15 s prints, then sees the deadline.
        `evicting pod default/${second}`,
        '',
      ].join('\n'),
      stderr:
        RETRY(second).repeat(3) +
        [
          `There are pending pods in node "${node}" when an error occurred: ${failure}`,
          `pod/${second}`,
          `error: unable to drain node "${node}" due to error: ${failure}, continuing command...`,
          'There are pending nodes to be drained:',
          ` ${node}`,
          failure,
          '',
        ].join('\n'),
      exitCode: 1,
    });
    expect(c.now() - start).toBe(15_000);
    expect(c.kubectl('describe pdb web').stdout).toBe(
      [
        'Name:           web',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=web',
        'Status:',
        '    Allowed disruptions:  0',
        '    Current:              2',
        '    Desired:              2',
        '    Total:                3',
        'Events:',
        '  Type    Reason  Age   From               Message',
        '  ----    ------  ----  ----               -------',
        '  Normal  NoPods  75s   controllermanager  No matching pods found',
        '',
      ].join('\n'),
    );
  });

  it('--disable-eviction deletes without asking the budget and prints deleted', () => {
    const { c, node, first, second } = setup();
    const r = c.kubectl(`drain ${node} --ignore-daemonsets --disable-eviction --timeout=2m`);
    expect(r).toEqual({ stdout: `node/${node} cordoned\npod/${first} deleted\npod/${second} deleted\nnode/${node} drained\n`, stderr: '', exitCode: 0 });
  });
});

describe('kubectl create poddisruptionbudget', () => {
  it('builds the object in Go field order, and refuses bad budgets with create_pdb.go texts', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('create pdb web --selector=app=web --max-unavailable=25% --dry-run=client -o json').stdout).toBe(
      `${JSON.stringify(
        {
          kind: 'PodDisruptionBudget',
          apiVersion: 'policy/v1',
          metadata: { name: 'web', creationTimestamp: null },
          spec: { selector: { matchLabels: { app: 'web' } }, maxUnavailable: '25%' },
          status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
        },
        null,
        4,
      )}\n`,
    );
    expect(c.kubectl('create poddisruptionbudget web --selector=app=web --min-available=2')).toEqual({
      stdout: 'poddisruptionbudget.policy/web created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.kubectl('create pdb x --selector=app=x').stderr).toBe('error: one of min-available or max-unavailable must be specified\n');
    expect(c.kubectl('create pdb x --selector=app=x --min-available=1 --max-unavailable=1').stderr).toBe(
      'error: min-available and max-unavailable cannot be both specified\n',
    );
    expect(c.kubectl('create pdb x --selector=app=x --min-available=1Gi').stderr).toBe('error: invalid format specified for min-available\n');
    expect(c.kubectl('create pdb x --selector=app=x --max-unavailable=101%').stderr).toBe(
      'The PodDisruptionBudget "x" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%\n',
    );
  });
});
