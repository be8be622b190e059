import { describe, expect, it } from 'vitest';
import { alreadyUsedBy, attachSucceeded, EXCLUSIVELY_ATTACHED, multiAttachError } from './messages.js';

describe('attach/detach messages', () => {
  it.each([
    [['web-1'], 0, 'Volume is already used by pod(s) web-1'],
    [['a', 'b'], 0, 'Volume is already used by pod(s) a, b'],
    [['a'], 2, 'Volume is already used by pod(s) a and 2 pod(s) in different namespaces'],
    [[], 3, 'Volume is already used by 3 pod(s) in different namespaces'],
  ])('alreadyUsedBy(%j, %i)', (local, others, text) => {
    expect(alreadyUsedBy(local, others)).toBe(text);
  });

  it('Multi-Attach and success texts match the reference', () => {
    expect(multiAttachError('pvc-1', EXCLUSIVELY_ATTACHED)).toBe(
      `Multi-Attach error for volume "pvc-1" Volume is already exclusively attached to one node and can't be attached to another`,
    );
    expect(attachSucceeded('pvc-1')).toBe('AttachVolume.Attach succeeded for volume "pvc-1" ');
  });
});
