/**
 * Fixtures of the `kubectl set` tests (set.test.ts, set-image.test.ts, set-env.test.ts,
 * set-resources.test.ts): a cluster with the Deployment `web` (created from web.yaml), the pod
 * `solo` and the Service `frontend`, and helpers that read the harness a test file is using.
 */
import type { KubeObject } from '@kubesim/core';
import { expect } from 'vitest';
import { type KubectlHarness, makeHarness, makeHeadlessService, PodBuilder } from '../testing/index.js';

/** A Deployment with an init container, two containers and env of each kind kubectl lists. */
export const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {tier: frontend}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.25
        env:
        - name: MODE
          value: prod
        - name: POD
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: CPU
          valueFrom:
            resourceFieldRef: {resource: limits.cpu, divisor: 1m}
      - name: sidecar
        image: envoy:1.30
`;

/** The API server's refusal of a change to a running pod's env or resources. */
export const POD_FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The harness of every `kubectl set` test: web.yaml created, `solo` and `frontend` stored. */
export function makeSetHarness(): KubectlHarness {
  const h = makeHarness({}, { 'web.yaml': WEB });
  expect(h.kubectl('create -f web.yaml').exitCode).toBe(0);
  h.put(new PodBuilder('solo').obj());
  h.put(makeHeadlessService('frontend'));
  return h;
}

/** A container as the tests read it. */
export interface Ctr {
  readonly name: string;
  readonly image?: string;
  readonly env?: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: unknown }[];
  readonly resources?: { readonly limits?: Record<string, string>; readonly requests?: Record<string, string> };
}
/** A pod spec's container lists. */
export type Spec = { readonly containers: readonly Ctr[]; readonly initContainers?: readonly Ctr[] };

/** Helpers reading the harness `harness()` returns when they are called (a test may replace it). */
export function setHelpers(harness: () => KubectlHarness) {
  const live = (kind: string, name: string): KubeObject => harness().core.store.get(kind, 'default', name) as KubeObject;
  /** The containers (init containers included) of the Deployment's template or of a pod, by name. */
  function ctrs(kind = 'Deployment', name = 'web'): Record<string, Ctr> {
    const o = live(kind, name) as unknown as { spec: Spec & { template?: { spec: Spec } } };
    const spec = o.spec.template?.spec ?? o.spec;
    return Object.fromEntries([...spec.containers, ...(spec.initContainers ?? [])].map((c) => [c.name, c]));
  }
  const images = (kind?: string, name?: string) => Object.fromEntries(Object.values(ctrs(kind, name)).map((c) => [c.name, c.image]));
  const env = (ctr: string) => ctrs()[ctr].env;

  /** Runs `line` and checks it left `kind/name` exactly as it was (no write: same resourceVersion). */
  function unchanged(line: string, kind = 'Deployment', name = 'web', stdin?: string) {
    const before = live(kind, name);
    const result = harness().kubectl(line, stdin);
    expect(live(kind, name)).toEqual(before);
    expect(live(kind, name).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    return result;
  }

  return { live, ctrs, images, env, unchanged };
}

/** A failed command's result: nothing on stdout, `stderr`, exit code 1. */
export const failure = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });
