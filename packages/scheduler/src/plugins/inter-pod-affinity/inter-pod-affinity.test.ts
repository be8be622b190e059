import { describe, expect, it } from 'vitest';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { makePod, newCluster, pluginHarness } from '../../testing/index.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  INTER_POD_AFFINITY,
} from './inter-pod-affinity.js';

describe('InterPodAffinity', () => {
  const { core, nodes } = newCluster(1);
  const [a, b, c] = nodes;
  core.store.create(makePod('cache-0').label('app', 'cache').nodeName(a).obj());
  core.store.create(
    makePod('loner').label('app', 'loner').nodeName(b).podAntiAffinity({ topologyKey: LABEL_HOSTNAME, labelSelector: { matchLabels: { app: 'web' } } }).obj(),
  );
  core.loop.settle();
  const h = pluginHarness(core);
  const anti = makePod('p').podAntiAffinity({ topologyKey: LABEL_TOPOLOGY_ZONE, labelSelector: { matchLabels: { app: 'cache' } } }).obj();
  const aff = makePod('p').podAffinity({ topologyKey: LABEL_TOPOLOGY_ZONE, labelSelector: { matchLabels: { app: 'cache' } } }).obj();
  const web = makePod('w').label('app', 'web').obj();
  const firstOfGroup = makePod('g').label('app', 'g').podAffinity({ topologyKey: LABEL_HOSTNAME, labelSelector: { matchLabels: { app: 'g' } } }).obj();
  it.each([
    ['anti-affinity against a pod in the same zone', anti, a, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH],
    ['anti-affinity satisfied in another zone', anti, c, undefined],
    ['affinity satisfied in the zone of a matching pod', aff, a, undefined],
    ['affinity not satisfied elsewhere', aff, c, ERR_REASON_AFFINITY_RULES_NOT_MATCH],
    ["existing pod's anti-affinity rejects the node", web, b, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH],
    ["existing pod's anti-affinity does not reach other nodes", web, c, undefined],
    ['first pod of a self-affine group may go anywhere', firstOfGroup, c, undefined],
  ])('%s', (_n, pod, node, reason) => {
    expect(h.filter(INTER_POD_AFFINITY, pod, node)?.reasons[0]).toBe(reason);
  });
  it('reason texts are the upstream literals', () => {
    expect(ERR_REASON_AFFINITY_RULES_NOT_MATCH).toBe("node(s) didn't match pod affinity rules");
    expect(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH).toBe("node(s) didn't match pod anti-affinity rules");
    expect(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH).toBe("node(s) didn't satisfy existing pods anti-affinity rules");
  });
});
