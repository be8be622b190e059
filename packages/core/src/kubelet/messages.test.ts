import { describe, expect, it } from 'vitest';
import { nodeStatusEventMessage } from './node-status.js';
import { formatGoDuration } from './pod-status.js';
import {
  alreadyPresentMessage,
  backOffMessage,
  backOffWaitingMessage,
  createdMessage,
  pulledMessage,
  pullingMessage,
  pullPolicyOf,
  startedMessage,
} from './pod-starter.js';
import { killingMessage } from './pod-terminator.js';
import { NodeAgentComponents, NodeAgentReasons } from './reasons.js';

describe('kubelet event texts (Kubernetes 1.33)', () => {
  it('9-1 reasons as upstream spells them', () => {
    expect(NodeAgentReasons).toMatchObject({
      Pulling: 'Pulling',
      Pulled: 'Pulled',
      Created: 'Created',
      Started: 'Started',
      Killing: 'Killing',
      BackOff: 'BackOff',
      FailedMount: 'FailedMount',
      NodeNotReady: 'NodeNotReady',
      TaintManagerEviction: 'TaintManagerEviction',
    });
    expect(NodeAgentComponents.kubelet).toBe('kubelet');
  });

  it('9-2 messages match the reference texts', () => {
    expect(pullingMessage('errm/randserver')).toBe('Pulling image "errm/randserver"');
    expect(pulledMessage('errm/randserver', 1200, 1200, 3462104)).toBe(
      'Successfully pulled image "errm/randserver" in 1.2s (1.2s including waiting). Image size: 3462104 bytes.',
    );
    expect(alreadyPresentMessage('nginx:1.27')).toBe('Container image "nginx:1.27" already present on machine');
    expect(createdMessage('randserver')).toBe('Created container: randserver');
    expect(startedMessage('randserver')).toBe('Started container randserver');
    expect(killingMessage('randserver')).toBe('Stopping container randserver');
    expect(backOffMessage('app', 'web-0_default(uid-1)')).toBe('Back-off restarting failed container app in pod web-0_default(uid-1)');
    expect(backOffWaitingMessage(300_000, 'app', 'p_ns(u)')).toBe('back-off 5m0s restarting failed container=app pod=p_ns(u)');
    expect(nodeStatusEventMessage('ip-10-0-1-2.ec2.internal', 'NodeReady')).toBe('Node ip-10-0-1-2.ec2.internal status is now: NodeReady');
  });

  it('9-3 Go duration rendering and pull policy defaults', () => {
    expect([512, 1000, 1234, 10_000, 80_000, 300_000].map(formatGoDuration)).toEqual(['512ms', '1s', '1.234s', '10s', '1m20s', '5m0s']);
    expect(pullPolicyOf({ name: 'a', image: 'errm/randserver' })).toBe('Always');
    expect(pullPolicyOf({ name: 'a', image: 'nginx:latest' })).toBe('Always');
    expect(pullPolicyOf({ name: 'a', image: 'nginx:1.27' })).toBe('IfNotPresent');
    expect(pullPolicyOf({ name: 'a', image: 'localhost:5000/app' })).toBe('Always');
  });
});
