/**
 * Container environments through the public faces: a pod whose `env` names a ConfigMap that does
 * not exist waits in `CreateContainerConfigError` (kubectl get/describe say so) until it is
 * created; a running container's process sees the variables the kubelet built.
 */
import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster } from 'kubesim';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: cfg
          key: color
`;

/** The process environment of a pod's container, as the node's runtime started it. */
function processEnv(c: Cluster, podName: string, container: string): Record<string, string> | undefined {
  const pod = c.get('Pod', podName) as KubeObject & { spec: { nodeName: string } };
  const runtime = c.components.workloads.kubelets.get(pod.spec.nodeName)?.runtime;
  return runtime?.latest(pod.metadata.uid ?? '', container)?.ctx.env;
}

describe('container environment', () => {
  it('a missing ConfigMap: CreateContainerConfigError in get and describe, then Running once it is created', () => {
    const c = createCluster({ seed: 1 });
    expect(c.kubectl('apply -f -', { stdin: POD }).stdout).toBe('pod/app created\n');
    c.advance('40s');
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^app +0\/1 +CreateContainerConfigError +0 +40s\n$/);
    expect(c.kubectl('get pod app -o jsonpath={.status.containerStatuses[0].state.waiting.message}').stdout).toBe('configmap "cfg" not found');
    const describe = c.kubectl('describe pod app').stdout;
    expect(describe).toContain('      Reason:       CreateContainerConfigError\n');
    expect(describe).toMatch(/\n {2}Warning {2}Failed {5}\d+s \(x\d+ over \d+s\) +kubelet +Error: configmap "cfg" not found\n/);
    expect(describe).not.toContain('Created container');
    expect(processEnv(c, 'app', 'app')).toBeUndefined();

    expect(c.kubectl('create configmap cfg --from-literal=color=blue').exitCode).toBe(0);
    expect(c.kubectl('wait --for=condition=Ready pod/app --timeout=20s').stdout).toBe('pod/app condition met\n');
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^app +1\/1 +Running +0 +\d+s\n$/);
    expect(processEnv(c, 'app', 'app')?.COLOR).toBe('blue');
  });

  it('a missing Secret key in an init container shows Init:CreateContainerConfigError', () => {
    const c = createCluster({ seed: 2 });
    c.kubectl('create secret generic creds --from-literal=user=admin');
    c.kubectl('apply -f -', {
      stdin: `apiVersion: v1
kind: Pod
metadata:
  name: init
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["true"]
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: creds
          key: password
  containers:
  - name: main
    image: busybox:1.36
`,
    });
    c.advance('30s');
    expect(c.kubectl('get pods --no-headers').stdout).toMatch(/^init +0\/1 +Init:CreateContainerConfigError +0 +30s\n$/);
    expect(c.kubectl('describe pod init').stdout).toContain("kubelet            Error: couldn't find key password in Secret default/creds\n");
  });

  it("the process sees the kubelet's variables in order: image env, envFrom, env (expanded), service links, HOME", () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('create configmap settings --from-literal=LEVEL=debug --from-literal=app.mode=dark');
    c.kubectl('create secret generic creds --from-literal=password=hunter2');
    c.kubectl('create service clusterip db --tcp=5432:5432');
    c.advance('1s');
    const dbIP = c.kubectl('get service db -o jsonpath={.spec.clusterIP}').stdout;
    c.kubectl('apply -f -', {
      stdin: `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: busybox:1.36
    command: ["sleep", "3600"]
    envFrom:
    - configMapRef:
        name: settings
      prefix: CFG_
    env:
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: POD_IP
      valueFrom:
        fieldRef:
          fieldPath: status.podIP
    - name: APP
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['app']
    - name: MEMORY_MI
      valueFrom:
        resourceFieldRef:
          resource: requests.memory
          divisor: 1Mi
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: creds
          key: password
    - name: DSN
      value: postgres://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)/$(POD_NAME)?level=$(CFG_LEVEL)&raw=$$(POD_NAME)
    resources:
      requests:
        memory: 64Mi
`,
    });
    expect(c.kubectl('wait --for=condition=Ready pod/web --timeout=30s').exitCode).toBe(0);
    // A Service created after the container started is not in its environment.
    c.kubectl('create service clusterip late --tcp=80:80');
    c.advance('5s');
    const podIP = c.kubectl('get pod web -o jsonpath={.status.podIP}').stdout;
    const env = processEnv(c, 'web', 'web') ?? {};
    expect(Object.entries(env)).toEqual([
      ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ['HOSTNAME', 'web'],
      ['CFG_LEVEL', 'debug'],
      ['CFG_app.mode', 'dark'],
      ['POD_NAME', 'web'],
      ['POD_IP', podIP],
      ['APP', 'web'],
      ['MEMORY_MI', '64'],
      ['PASSWORD', 'hunter2'],
      ['DSN', `postgres://${dbIP}:5432/web?level=debug&raw=$(POD_NAME)`],
      ['DB_SERVICE_HOST', dbIP],
      ['DB_SERVICE_PORT', '5432'],
      ['DB_SERVICE_PORT_5432_5432', '5432'],
      ['DB_PORT', `tcp://${dbIP}:5432`],
      ['DB_PORT_5432_TCP', `tcp://${dbIP}:5432`],
      ['DB_PORT_5432_TCP_PROTO', 'tcp'],
      ['DB_PORT_5432_TCP_PORT', '5432'],
      ['DB_PORT_5432_TCP_ADDR', dbIP],
      ['KUBERNETES_SERVICE_HOST', '10.100.0.1'],
      ['KUBERNETES_SERVICE_PORT', '443'],
      ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
      ['KUBERNETES_PORT', 'tcp://10.100.0.1:443'],
      ['KUBERNETES_PORT_443_TCP', 'tcp://10.100.0.1:443'],
      ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
      ['KUBERNETES_PORT_443_TCP_PORT', '443'],
      ['KUBERNETES_PORT_443_TCP_ADDR', '10.100.0.1'],
      ['HOME', '/root'],
    ]);
  });
});
