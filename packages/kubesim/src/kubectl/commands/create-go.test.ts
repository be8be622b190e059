import { describe, expect, it } from 'vitest';
import { base64, configMapHash, goJsonMap, goQuote, secretHash } from './create-go.js';

describe('kubectl pkg/util/hash', () => {
  // The vectors of hash_test.go (TestConfigMapHash, TestSecretHash), names empty.
  it.each([
    [{}, '42745tchd9'],
    [{ one: '' }, '9g67k2htb6'],
    [{ two: '2', one: '', three: '3' }, 'f5h7t85m9b'],
  ])('ConfigMapHash of data %j is %s', (data, hash) => {
    expect(configMapHash('', data, {})).toBe(hash);
  });

  it.each([
    [{}, 't75bgf6ctb'],
    [{ one: '' }, '74bd68bm66'],
    [{ two: base64('2'), one: '', three: base64('3') }, 'dgcb6h9tmk'],
  ])('SecretHash of type my-type, data %j is %s', (data, hash) => {
    expect(secretHash('', 'my-type', data)).toBe(hash);
  });

  it('encodes as json.Marshal does: keys sorted, HTML characters and controls escaped', () => {
    expect(goJsonMap({ name: '', kind: 'ConfigMap', data: { two: '2', one: '' } })).toBe('{"data":{"one":"","two":"2"},"kind":"ConfigMap","name":""}');
    expect(goJsonMap({ v: '<a>&"\\\b\f\n\r\t\u0001\u2028é' })).toBe('{"v":"\\u003ca\\u003e\\u0026\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u2028é"}');
  });
});

describe('Go texts', () => {
  it('%q quotes as strconv.Quote does', () => {
    expect(goQuote('a b')).toBe('"a b"');
    expect(goQuote('\uFEFFX\x01\x7f\té"')).toBe('"\\ufeffX\\x01\\x7f\\té\\""');
  });
});
