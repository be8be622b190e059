import { describe, expect, it } from 'vitest';
import { makePod, newTestCluster } from '../kubelet/testing.js';
import type { StatusError } from './errors.js';

/** A running pod `web` (container `app`, volume `data`) and a way to patch its ephemeral containers. */
function cluster() {
  const c = newTestCluster();
  c.core.api.create(makePod('web').container('app', 'nginx:1.27', { volumeMounts: [{ name: 'data', mountPath: '/data' }] }).emptyDir().node(c.nodes[0]).obj());
  c.advance('10s');
  const add = (...containers: Record<string, unknown>[]) => c.core.api.patchEphemeralContainers('default', 'web', { spec: { ephemeralContainers: containers } });
  const failure = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as StatusError).message;
    }
    return 'no error';
  };
  return { c, add, failure };
}

const dbg = (extra: Record<string, unknown> = {}) => ({ name: 'debugger', image: 'busybox', ...extra });

describe('pods/ephemeralcontainers (validateEphemeralContainers, ValidatePodEphemeralContainersUpdate)', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['ports', dbg({ ports: [{ containerPort: 80 }] }), 'spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container'],
    ['resources', dbg({ resources: { limits: { cpu: '1' } } }), 'spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container'],
    ['resizePolicy', dbg({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }), 'spec.ephemeralContainers[0].resizePolicy: Forbidden: cannot be set for an Ephemeral Container'],
    ['restartPolicy', dbg({ restartPolicy: 'Always' }), 'spec.ephemeralContainers[0].restartPolicy: Forbidden: cannot be set for an Ephemeral Container'],
    ['livenessProbe', dbg({ livenessProbe: { exec: { command: ['true'] } } }), 'spec.ephemeralContainers[0].livenessProbe: Forbidden: cannot be set for an Ephemeral Container'],
    ['readinessProbe', dbg({ readinessProbe: { exec: { command: ['true'] } } }), 'spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container'],
    ['startupProbe', dbg({ startupProbe: { exec: { command: ['true'] } } }), 'spec.ephemeralContainers[0].startupProbe: Forbidden: cannot be set for an Ephemeral Container'],
    ['lifecycle', dbg({ lifecycle: { preStop: { exec: { command: ['true'] } } } }), 'spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container'],
    ['a subPath mount', dbg({ volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'x' }] }), 'spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container'],
    ['the name of a regular container', dbg({ name: 'app' }), 'spec.ephemeralContainers[0].name: Duplicate value: "app"'],
    ['a target that is not a regular or init container', dbg({ targetContainerName: 'nope' }), 'spec.ephemeralContainers[0].targetContainerName: Not found: "nope"'],
    ['no image', { name: 'debugger' }, 'spec.ephemeralContainers[0].image: Required value'],
    ['a bad name', dbg({ name: 'Debugger' }), 'spec.ephemeralContainers[0].name: Invalid value: "Debugger"'],
  ])('refuses %s', (_, container, text) => {
    const { add, failure, c } = cluster();
    expect(failure(() => add(container))).toContain(`Pod "web" is invalid: `);
    expect(failure(() => add(container))).toContain(text);
    expect((c.pod('web')?.spec as { ephemeralContainers?: unknown } | undefined)?.ephemeralContainers).toBeUndefined();
  });

  it('every forbidden field at once, in the Go struct order', () => {
    const { add, failure } = cluster();
    const msg = failure(() => add(dbg({ lifecycle: {}, ports: [], resources: { requests: { cpu: '1' } } })));
    expect(msg).toBe(
      'Pod "web" is invalid: [spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container]',
    );
  });

  it('adds a container (defaulted as a container), keeps the rest of the pod, and appends the next by name', () => {
    const { add, c } = cluster();
    const before = c.pod('web');
    // Metadata and spec changes beside the ephemeral containers are dropped by the subresource.
    c.core.api.patchEphemeralContainers('default', 'web', { metadata: { labels: { x: 'y' } }, spec: { ephemeralContainers: [dbg({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })], activeDeadlineSeconds: 5 } });
    const pod = c.pod('web') as unknown as { metadata: { labels?: unknown }; spec: { activeDeadlineSeconds?: number; ephemeralContainers: Record<string, unknown>[] } };
    expect(pod.metadata.labels).toEqual(before?.metadata.labels);
    expect(pod.spec.activeDeadlineSeconds).toBeUndefined();
    expect(pod.spec.ephemeralContainers).toEqual([
      { name: 'debugger', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
    ]);
    add(dbg({ name: 'second', image: 'busybox:1.36' }));
    expect(((c.pod('web')?.spec as { ephemeralContainers?: { name: string }[] } | undefined)?.ephemeralContainers ?? []).map((e) => e.name)).toEqual(['debugger', 'second']);
  });

  it('existing ephemeral containers may not be changed or removed; a plain update may not touch them; none on create', () => {
    const { add, failure, c } = cluster();
    add(dbg());
    expect(failure(() => add(dbg({ image: 'alpine' })))).toBe('Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed\n');
    expect(failure(() => c.core.api.patchEphemeralContainers('default', 'web', { spec: { ephemeralContainers: null } }, 'merge'))).toBe(
      'Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be removed\n',
    );
    expect(failure(() => c.core.api.patch('Pod', 'default', 'web', { spec: { ephemeralContainers: [dbg(), dbg({ name: 'other' })] } }))).toContain(
      'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than',
    );
    const fresh = makePod('new').container('app', 'nginx:1.27').obj();
    expect(failure(() => c.core.api.create({ ...fresh, spec: { ...fresh.spec, ephemeralContainers: [dbg()] } } as never))).toBe(
      'Pod "new" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create',
    );
    expect(failure(() => c.core.api.patchEphemeralContainers('default', 'gone', { spec: {} }))).toBe('pods "gone" not found');
  });
});
