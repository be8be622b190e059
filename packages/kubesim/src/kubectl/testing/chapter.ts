/**
 * The seed chapter's cluster states as fixtures: the StatefulSet step with its claims, volumes,
 * pods and events, and the chapter's manifests.
 */
import type { KubeObject } from '@kubesim/core';
import { CHAPTER_MANIFESTS } from '../../demo/chapter-manifests.js';
import {
  type KubectlHarness,
  makeBoundPvc,
  makeHeadlessService,
  makeNode,
  makeProvisionedPv,
  makeStatefulSet,
  makeStorageClass,
  PodBuilder,
} from './fixtures.js';

/** uid of the chapter's claim `data-randserver-<i>` (so the PV is `pvc-<uid>`). */
export const claimUid = (i: number) => `6e3f2a1b-4c5d-4e6f-8a9b-0c1d2e3f4a5${i}`;

/** The chapter's node name. */
export const CHAPTER_NODE = 'ip-10-0-1-23.ec2.internal';

/**
 * Step 5 of the chapter as the cluster shows it: the StatefulSet `randserver` with three Running
 * pods created 18s and 11s apart, each Bound to its own gp2 volume; ages 39s, 21s, 10s as in the
 * book. Scheduler and kubelet events are recorded on the pods.
 */
export function chapterStatefulSet(h: KubectlHarness): { sts: KubeObject; pods: KubeObject[] } {
  h.put(makeNode(CHAPTER_NODE));
  h.put(makeStorageClass());
  h.put(makeHeadlessService());
  const sts = h.put(makeStatefulSet());
  const pods: KubeObject[] = [];
  const gaps = ['18s', '11s', '10s'];
  for (let i = 0; i < 3; i++) {
    h.put(makeBoundPvc(`data-randserver-${i}`, claimUid(i), { app: 'randserver' }));
    h.put(makeProvisionedPv(`data-randserver-${i}`, claimUid(i), `vol-0f1e2d3c4b5a6978${i}`));
    const start = h.core.clock.rfc3339();
    const pod = h.put(
      new PodBuilder(`randserver-${i}`)
        .labels({ app: 'randserver', 'apps.kubernetes.io/pod-index': String(i), 'statefulset.kubernetes.io/pod-name': `randserver-${i}` })
        .owner('StatefulSet', 'randserver', sts.metadata.uid ?? '')
        .pvc(`data-randserver-${i}`)
        .running(CHAPTER_NODE, `10.0.1.${50 + i}`, '10.0.1.23', start)
        .obj(),
    );
    pods.push(pod);
    h.core.recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned default/randserver-${i} to ${CHAPTER_NODE}`, 'default-scheduler');
    h.core.recorder.event(pod, 'Normal', 'Pulled', 'Container image "errm/randserver" already present on machine', 'kubelet', CHAPTER_NODE);
    h.core.loop.advance(gaps[i]);
  }
  return { sts, pods };
}

/** The seed chapter's manifests, from the one verbatim copy in demo/chapter-manifests.ts. */
export const MANIFESTS = {
  /** Fixture 01: selector `app=randserver`, template label `app=example` (invalid). */
  deploymentMismatch: CHAPTER_MANIFESTS['01-randserver-emptydir.yaml'],
  /** Fixture 01b: the corrected emptyDir Deployment. */
  deployment: CHAPTER_MANIFESTS['01b-randserver-emptydir-fixed.yaml'],
  /** Fixture 05: the default gp2 class. */
  storageClass: CHAPTER_MANIFESTS['05-storageclass-general-purpose.yaml'],
  /** Fixture 09: the headless Service. */
  headlessService: CHAPTER_MANIFESTS['09-service-randserver-headless.yaml'],
};
