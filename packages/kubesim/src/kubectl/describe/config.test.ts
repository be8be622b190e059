import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';
import { smartLabelFor } from './generic.js';

describe('kubectl describe configmap, secret, namespace, csinode and the generic describer', () => {
  it('a ConfigMap: each key over a rule, the BinaryData block, then the events', () => {
    const h = makeHarness();
    h.kubectl('create configmap cfg --from-literal=b=two --from-literal=a=1');
    expect(h.kubectl('describe configmap cfg').stdout).toBe(
      ['Name:         cfg', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', '', 'Data', '====', 'a:', '----', '1', '', 'b:', '----', 'two', '', '', 'BinaryData', '====', '', 'Events:  <none>', ''].join('\n'),
    );
  });

  it('a Secret: its type and each key with its decoded size, no values and no events', () => {
    const h = makeHarness();
    h.kubectl('create secret generic s --from-literal=user=admin --from-literal=password=s3cr3t!');
    expect(h.kubectl('describe secret s').stdout).toBe(
      ['Name:         s', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', '', 'Type:  Opaque', '', 'Data', '====', 'password:  7 bytes', 'user:      5 bytes', ''].join('\n'),
    );
  });

  it('a ServiceAccount: its pull secrets, mountable secrets and legacy tokens under their padded headers, (not found) after a missing Secret', () => {
    const h = makeHarness();
    h.kubectl('apply -f -', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: bot\n  labels: {team: a}\nimagePullSecrets:\n- name: regcred\nsecrets:\n- name: s1\n- name: s2\n');
    h.kubectl('create secret generic s1 --from-literal=a=b');
    const uid = h.core.store.get('ServiceAccount', 'default', 'bot')?.metadata.uid ?? '';
    const token = (name: string, saUid: string) =>
      `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/service-account-token\nmetadata:\n  name: ${name}\n  annotations:\n    kubernetes.io/service-account.name: bot\n    kubernetes.io/service-account.uid: ${saUid}\n`;
    h.kubectl('apply -f -', token('bot-token', uid));
    h.kubectl('apply -f -', token('stale-token', 'another-uid'));
    expect(h.kubectl('describe sa bot').stdout).toBe(
      [
        'Name:                bot',
        'Namespace:           default',
        'Labels:              team=a',
        'Annotations:         <none>',
        'Image pull secrets:  regcred (not found)',
        'Mountable secrets:   s1',
        '                     s2 (not found)',
        'Tokens:              bot-token',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });

  it('a Namespace: its phase, then no quota and no limit range (the initial namespaces carry the name label too)', () => {
    const h = makeHarness();
    expect(h.kubectl('describe namespace kube-public').stdout).toContain('Labels:       kubernetes.io/metadata.name=kube-public\n');
    h.kubectl('create namespace team-a');
    expect(h.kubectl('describe namespace team-a').stdout).toBe(
      [
        'Name:         team-a',
        'Labels:       kubernetes.io/metadata.name=team-a',
        'Annotations:  <none>',
        'Status:       Active',
        '',
        'No resource quota.',
        '',
        'No LimitRange resource.',
        '',
      ].join('\n'),
    );
  });

  it('a CSINode: each driver with its node ID, attach limit and topology keys', () => {
    const h = makeHarness();
    h.kubectl('apply -f -', 'apiVersion: storage.k8s.io/v1\nkind: CSINode\nmetadata:\n  name: n1\nspec:\n  drivers:\n  - name: ebs.csi.aws.com\n    nodeID: i-0123\n    allocatable: {count: 26}\n    topologyKeys: [topology.ebs.csi.aws.com/zone, kubernetes.io/os]\n');
    expect(h.kubectl('describe csinode n1').stdout).toBe(
      [
        'Name:               n1',
        'Labels:             <none>',
        'Annotations:        <none>',
        'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000',
        'Spec:',
        '  Drivers:',
        '    ebs.csi.aws.com:',
        '      Node ID:  i-0123',
        '      Allocatables:',
        '        Count:        26',
        '      Topology Keys:  [topology.ebs.csi.aws.com/zone kubernetes.io/os]',
        'Events:               <none>',
        '',
      ].join('\n'),
    );
  });

  it('the generic describer prints the rest of the object with smart labels, nested one level per map', () => {
    const h = makeHarness();
    h.kubectl('apply -f -', 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 10.0.1.5\n  ports:\n  - port: 80\n    protocol: TCP\n');
    const out = h.kubectl('describe endpoints web').stdout;
    expect(out).toContain('API Version:  v1\nKind:         Endpoints\nMetadata:\n  Creation Timestamp:  2026-01-01T00:00:00Z\n');
    // `ip` is no acronym to smartLabelFor (only API, URL, UID, OSB, GUID are); the events line joins the block above.
    expect(out).toContain('Subsets:\n  Addresses:\n    Ip:  10.0.1.5\n  Ports:\n    Port:      80\n    Protocol:  TCP\nEvents:        <none>\n');
  });

  it('smartLabelFor splits camel case, keeps acronyms upper case and leaves other names as they are', () => {
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('nodeID')).toBe('Node ID');
    expect(smartLabelFor('PDFLoader')).toBe('PDF Loader');
    expect(smartLabelFor('topology.kubernetes.io/zone')).toBe('topology.kubernetes.io/zone');
  });
});
