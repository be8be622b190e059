import { describe, expect, it } from 'vitest';
import { goLen, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain } from './names.js';

// Literals from kubernetes-semantics.md §6 (apimachinery v0.33 validation.go).
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('names', () => {
  it.each([
    ['web-1', []],
    ['a.b.c', []],
    ['Web_1', [SUBDOMAIN]],
    ['-web', [SUBDOMAIN]],
    ['', [SUBDOMAIN]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('DNS-1123 subdomain %j', (name, errs) => {
    expect(isDNS1123Subdomain(name)).toEqual(errs);
  });

  it.each([
    ['my-ns', []],
    ['a.b', ['must not contain dots']],
    ['My', [LABEL]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('DNS-1123 label %j', (name, errs) => {
    expect(isDNS1123Label(name)).toEqual(errs);
  });

  it.each([
    ['randserver', []],
    ['1web', [DNS1035]],
    ['web.x', [DNS1035]],
  ])('DNS-1035 label %j', (name, errs) => {
    expect(isDNS1035Label(name)).toEqual(errs);
  });

  it.each([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['MyKey', []],
    ['a_', [QNAME]],
    ['/a', ['prefix part must be non-empty']],
    ['a/', ['name part must be non-empty', QNAME]],
    ['a/b/c', [`a qualified name ${QNAME.slice('name part '.length)} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['Bad_Prefix/x', [`prefix part ${SUBDOMAIN}`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
  ])('qualified name %j', (name, errs) => {
    expect(isQualifiedName(name)).toEqual(errs);
  });

  it.each([
    ['', []],
    ['v1.2_x', []],
    ['bad value', [VALUE]],
    ['-x', [VALUE]],
    ['x'.repeat(64), ['must be no more than 63 characters']],
  ])('label value %j', (value, errs) => {
    expect(isValidLabelValue(value)).toEqual(errs);
  });

  it('generateName prefixes may end with a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN]);
  });

  it('goLen counts UTF-8 bytes like Go len(string)', () => {
    for (const v of ['', 'abc', 'é', '€', '😀', 'a😀é€z', '\ud800x']) expect(goLen(v)).toBe(new TextEncoder().encode(v).length);
  });
});

describe('IsConfigMapKey and IsEnvVarName', () => {
  it('list every problem', () => {
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('k'.repeat(254))).toEqual(['must be no more than 253 characters']);
    expect(isConfigMapKey('..a b')).toHaveLength(2);
    expect(isEnvVarName('MY_ENV.NAME-1')).toEqual([]);
    expect(isEnvVarName('..')).toEqual(["must not be '..'"]);
    expect(isEnvVarName('1A')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
  });
});
