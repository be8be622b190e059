import { describe, expect, it } from 'vitest';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { addNodes, makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';
import { POD_TOPOLOGY_SPREAD } from './pod-topology-spread.js';
import { scoreForCount, topologyNormalizingWeight } from './scoring.js';

const zoneSpread = { maxSkew: 1, topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'db' } } };

describe('PodTopologySpread filter', () => {
  const { core, nodes } = newCluster(1);
  const [a, b, c] = nodes;
  const [bare] = addNodes(core, [{ zone: 'us-east-1a', count: 1, customize: (n) => n.withoutLabel(LABEL_TOPOLOGY_ZONE) }]);
  core.store.create(makePod('db-0').label('app', 'db').nodeName(a).obj());
  core.store.create(makePod('db-1').label('app', 'db').nodeName(b).obj());
  core.store.create(makePod('other').label('app', 'web').nodeName(c).obj());
  core.loop.settle();
  const h = pluginHarness(core);
  const pod = makePod('db-2').label('app', 'db').spread(zoneSpread).obj();
  it.each([
    ['empty zone keeps skew within maxSkew', c, undefined],
    ['zone already holding one exceeds maxSkew 1', a, ERR_REASON_CONSTRAINTS_NOT_MATCH],
    ['node without the topology key', bare, ERR_REASON_NODE_LABEL_NOT_MATCH],
  ])('%s', (_n, node, reason) => {
    const st = h.filter(POD_TOPOLOGY_SPREAD, pod, node);
    expect(st?.reasons[0]).toBe(reason);
  });
  it('missing label is UnschedulableAndUnresolvable, skew is Unschedulable', () => {
    expect(h.filter(POD_TOPOLOGY_SPREAD, pod, bare)?.code).toBe('UnschedulableAndUnresolvable');
    expect(h.filter(POD_TOPOLOGY_SPREAD, pod, a)?.code).toBe('Unschedulable');
  });
  it('reason texts are the upstream literals', () => {
    expect(ERR_REASON_CONSTRAINTS_NOT_MATCH).toBe("node(s) didn't match pod topology spread constraints");
    expect(ERR_REASON_NODE_LABEL_NOT_MATCH).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
  });
});

describe('PodTopologySpread score', () => {
  it('scoreForCount and the normalizing weight follow upstream', () => {
    expect(topologyNormalizingWeight(3)).toBeCloseTo(Math.log(5));
    expect(scoreForCount(2, 3, 1.5)).toBe(5);
  });
  it('soft hostname constraint prefers the emptier node', () => {
    const { core, nodes } = newCluster(1);
    const [a, b] = nodes;
    core.store.create(makePod('w-0').label('app', 'w').nodeName(a).obj());
    core.loop.settle();
    const h = pluginHarness(core);
    const pod = makePod('w-1')
      .label('app', 'w')
      .spread({ maxSkew: 1, topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'w' } } })
      .obj();
    const [sa, sb] = h.score(POD_TOPOLOGY_SPREAD, pod, [a, b]);
    expect(sa).toBeGreaterThan(sb);
  });
});
