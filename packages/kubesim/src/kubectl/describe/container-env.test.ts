/**
 * `kubectl describe` environment blocks. Expected text follows kubectl's format strings
 * (describeContainerEnvVars, describeContainerEnvFrom in pkg/describe/describe.go) laid out by
 * text/tabwriter (padding 2): a line without a tab ends a column block, so each block below starts
 * after `Environment:` or `Environment Variables from:` and ends at `Mounts:` (every container
 * mounts a volume, so `Mounts:` carries no tab).
 */
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

/** A pod manifest; `containers` is the YAML list under `spec.containers`, each mounting `data` at /data. */
function podYaml(name: string, containers: string, initContainers = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: web}
spec:
${initContainers ? `  initContainers:\n${initContainers}` : ''}  containers:
${containers}  volumes:
  - name: data
    emptyDir: {}
`;
}

const MOUNT = '    volumeMounts: [{name: data, mountPath: /data}]\n';
const MOUNTS_BLOCK = '    Mounts:\n      /data from data (rw)\n';

function describePod(manifest: string, name: string): string {
  const h = makeHarness();
  expect(h.kubectl('apply -f -', manifest).exitCode).toBe(0);
  const r = h.kubectl(`describe pod ${name}`);
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

describe('kubectl describe: container environment', () => {
  it('no env and no envFrom: Environment:\\t<none> aligned with the container block, no Environment Variables from line', () => {
    const out = describePod(podYaml('bare', `  - name: app\n    image: busybox\n${MOUNT}`), 'bare');
    // "Environment:%s\n" with none = "\t<none>" joins Image/Port/Host Port's column block.
    expect(out).toContain(['  app:', '    Image:        busybox', '    Port:         <none>', '    Host Port:    <none>', '    Environment:  <none>', MOUNTS_BLOCK].join('\n'));
    expect(out).not.toContain('Environment Variables from');
  });

  it('value: "%s:\\t%s" per variable, further lines of a value as "\\t%s" under the value column', () => {
    const env = `    env:
    - {name: GREETING, value: hello}
    - {name: SCRIPT, value: "echo one\\necho two\\n"}
    - {name: EMPTY, value: ""}
`;
    const out = describePod(podYaml('values', `  - name: app\n    image: busybox\n${env}${MOUNT}`), 'values');
    expect(out).toContain(
      [
        '    Environment:',
        '      GREETING:  hello',
        '      SCRIPT:    echo one',
        '                 echo two',
        '                 ',
        '      EMPTY:     ',
        MOUNTS_BLOCK,
      ].join('\n'),
    );
  });

  it('fieldRef: "%s:\\t%s (%s:%s)", metadata.name and metadata.namespace resolved from the pod, any other path empty', () => {
    const env = `    env:
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: POD_NS, valueFrom: {fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: APP_LABEL, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
`;
    // Bound to a node, so a kubelet-style resolver would print it; describe's conversion refuses spec.nodeName.
    const manifest = podYaml('web', `  - name: app\n    image: busybox\n${env}${MOUNT}`).replace('spec:\n', 'spec:\n  nodeName: ip-10-0-1-23.ec2.internal\n');
    const out = describePod(manifest, 'web');
    expect(out).toContain(
      [
        '    Environment:',
        '      POD_NAME:   web (v1:metadata.name)',
        '      POD_NS:     default (v1:metadata.namespace)',
        '      NODE:        (v1:spec.nodeName)',
        '      IP:          (v1:status.podIP)',
        "      APP_LABEL:   (v1:metadata.labels['app'])",
        MOUNTS_BLOCK,
      ].join('\n'),
    );
  });

  it('fieldRef in a pod template: DescribePodTemplate passes no resolver, so even metadata.name is empty', () => {
    const h = makeHarness();
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: busybox
        env:
        - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: POD_NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
        volumeMounts: [{name: data, mountPath: /data}]
      volumes:
      - name: data
        emptyDir: {}
`;
    expect(h.kubectl('apply -f -', deployment).exitCode).toBe(0);
    expect(h.kubectl('describe deployment web').stdout).toContain(
      ['   app:', '    Image:      busybox', '    Port:       <none>', '    Host Port:  <none>', '    Environment:', '      POD_NAME:   (v1:metadata.name)', '      POD_NS:     (v1:metadata.namespace)', MOUNTS_BLOCK].join('\n'),
    );
  });

  it('resourceFieldRef: "%s:\\t%s (%s)" from the container itself over the divisor, rounded up; an unset cpu or memory limit is node allocatable', () => {
    const env = `    resources:
      requests: {cpu: 250m, memory: 64Mi}
      limits: {memory: 128Mi}
    env:
    - {name: CPU_REQUEST, valueFrom: {resourceFieldRef: {resource: requests.cpu}}}
    - {name: CPU_REQUEST_MILLI, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: MEM_LIMIT_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
    - {name: MEM_REQUEST, valueFrom: {resourceFieldRef: {containerName: app, resource: requests.memory}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: STORAGE_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage}}}
    - {name: HUGEPAGES, valueFrom: {resourceFieldRef: {resource: limits.hugepages-2Mi}}}
`;
    const out = describePod(podYaml('res', `  - name: app\n    image: busybox\n${env}${MOUNT}`), 'res');
    expect(out).toContain(
      [
        '    Environment:',
        '      CPU_REQUEST:        1 (requests.cpu)',
        '      CPU_REQUEST_MILLI:  250 (requests.cpu)',
        '      MEM_LIMIT_MI:       128 (limits.memory)',
        '      MEM_REQUEST:        67108864 (requests.memory)',
        '      CPU_LIMIT:          node allocatable (limits.cpu)',
        '      STORAGE_LIMIT:      0 (limits.ephemeral-storage)',
        '      HUGEPAGES:          0 (limits.hugepages-2Mi)',
        MOUNTS_BLOCK,
      ].join('\n'),
    );
  });

  it("configMapKeyRef and secretKeyRef: <set to the key '%s' of config map '%s'> / in secret '%s', then \\tOptional: %t", () => {
    const env = `    env:
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: cfg, key: color}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password, optional: true}}}
    - {name: MODE, value: prod}
    - {name: USER, valueFrom: {secretKeyRef: {name: db, key: user}}}
`;
    const out = describePod(podYaml('refs', `  - name: app\n    image: busybox\n${env}${MOUNT}`), 'refs');
    // The Optional column aligns over consecutive reference lines only: MODE has no third cell and ends that block.
    expect(out).toContain(
      [
        '    Environment:',
        "      COLOR:     <set to the key 'color' of config map 'cfg'>  Optional: false",
        "      PASSWORD:  <set to the key 'password' in secret 'db'>    Optional: true",
        '      MODE:      prod',
        "      USER:      <set to the key 'user' in secret 'db'>  Optional: false",
        MOUNTS_BLOCK,
      ].join('\n'),
    );
  });

  it("envFrom: Environment Variables from: before Environment, \"%s\\t%s\\tOptional: %t\" or \"%s\\t%s with prefix '%s'\\tOptional: %t\"; init containers too", () => {
    const init = `  - name: setup
    image: busybox
    envFrom:
    - secretRef: {name: db}
    env:
    - {name: A, value: "1"}
${MOUNT}`;
    const main = `  - name: app
    image: busybox
    envFrom:
    - configMapRef: {name: cfg}
    - prefix: DB_
      secretRef: {name: db, optional: true}
${MOUNT}`;
    const out = describePod(podYaml('from', main, init), 'from');
    expect(out).toContain(['Init Containers:', '  setup:'].join('\n'));
    expect(out).toContain(['    Environment Variables from:', '      db  Secret  Optional: false', '    Environment:', '      A:  1', MOUNTS_BLOCK].join('\n'));
    // With no env, "Environment:\t<none>" joins the envFrom lines' first column.
    expect(out).toContain(
      [
        '    Environment Variables from:',
        '      cfg         ConfigMap                 Optional: false',
        "      db          Secret with prefix 'DB_'  Optional: true",
        '    Environment:  <none>',
        MOUNTS_BLOCK,
      ].join('\n'),
    );
  });
});
