import { describe, expect, it } from 'vitest';
import { applyMergePatch, createThreeWayJsonMergePatch } from './merge-patch.js';

describe('createThreeWayJsonMergePatch (jsonmergepatch.CreateThreeWayJSONMergePatch, kinds without Go types)', () => {
  it('changes from the live object to the manifest plus deletions from the last applied one; what others added stays', () => {
    const original = { spec: { a: 1, b: 2, list: [1] } };
    const modified = { spec: { a: 1, c: 3, list: [1, 2] } };
    const current = { spec: { a: 9, b: 2, x: 'other', list: [1] } };
    const patch = createThreeWayJsonMergePatch(original, modified, current);
    expect(patch).toEqual({ spec: { a: 1, b: null, c: 3, list: [1, 2] } });
    expect(applyMergePatch(current, patch)).toEqual({ spec: { a: 1, c: 3, x: 'other', list: [1, 2] } });
  });

  it('nothing to send when the live object already has the manifest', () => {
    expect(createThreeWayJsonMergePatch({ spec: { a: 1 } }, { spec: { a: 1 } }, { spec: { a: 1, x: 2 }, status: {} })).toBeUndefined();
  });
});
