import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';
import { encodeBase64 } from './generators.js';

describe('configMapGenerator and secretGenerator', () => {
  it('env files, then literals, then files; options merged over generatorOptions; Secrets base64 in lines of 70', () => {
    const h = makeHarness(
      {},
      {
        'g/kustomization.yaml': `generatorOptions:
  labels:
    generated: "yes"
  annotations:
    note: global
configMapGenerator:
- name: app
  envs:
  - app.env
  literals:
  - GREETING="hello world"
  - QUOTE='single'
  files:
  - config/app.properties
  - LOG=config/log.level
  options:
    labels:
      generated: local
    immutable: true
- name: plain
  namespace: tools
  literals:
  - A=1
  options:
    disableNameSuffixHash: true
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  literals:
  - tls.crt=${'x'.repeat(60)}
  - tls.key=short
`,
        'g/app.env': '# comment\nMODE=prod\n\n  TRIMMED=1\nEMPTY\n',
        'g/config/app.properties': 'a=1\nb=2\n',
        'g/config/log.level': 'debug',
      },
    );
    expect(h.kubectl('kustomize g')).toEqual({
      stdout: `apiVersion: v1
data:
  A: "1"
kind: ConfigMap
metadata:
  annotations:
    note: global
  labels:
    generated: "yes"
  name: plain
  namespace: tools
---
apiVersion: v1
data:
  EMPTY: ""
  GREETING: hello world
  LOG: debug
  MODE: prod
  QUOTE: single
  TRIMMED: "1"
  app.properties: |
    a=1
    b=2
immutable: true
kind: ConfigMap
metadata:
  annotations:
    note: global
  labels:
    generated: local
  name: app-tmb7757276
---
apiVersion: v1
data:
  tls.crt: |
    eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eH
    h4eHh4eHh4
  tls.key: c2hvcnQ=
kind: Secret
metadata:
  annotations:
    note: global
  labels:
    generated: "yes"
  name: tls-48bm26gbkc
type: kubernetes.io/tls
`,
      stderr: '',
      exitCode: 0,
    });
  });

  it("kyaml's encodeBase64: one line up to 69 characters, else every 70 ending in a newline", () => {
    expect(encodeBase64('short')).toBe('c2hvcnQ=');
    expect(encodeBase64('y'.repeat(51))).toBe('eXl5'.repeat(17));
    expect(encodeBase64('y'.repeat(52))).toBe(`${'eXl5'.repeat(17)}eQ\n==\n`);
    expect(encodeBase64('z'.repeat(105))).toBe(`${'enp6'.repeat(17)}en\np6${'enp6'.repeat(17)}\n`);
  });

  it('refuses a repeated key, an invalid key, a missing file, a literal without =; merge and replace are not emulated', () => {
    const h = makeHarness(
      {},
      {
        'dup/kustomization.yaml': 'configMapGenerator:\n- name: app\n  literals:\n  - A=1\n  - A=2\n',
        'badkey/kustomization.yaml': 'configMapGenerator:\n- name: app\n  literals:\n  - a b=1\n',
        'nofile/kustomization.yaml': 'configMapGenerator:\n- name: app\n  files:\n  - missing.txt\n',
        'lit/kustomization.yaml': 'configMapGenerator:\n- name: app\n  literals:\n  - novalue\n',
        'merge/kustomization.yaml': 'configMapGenerator:\n- name: app\n  behavior: merge\n  literals:\n  - A=1\n',
      },
    );
    const err = (dir: string) => h.kubectl(`kustomize ${dir}`).stderr;
    expect(err('dup')).toBe('error: configmap app illegally repeats the key `A`\n');
    expect(err('badkey')).toBe(
      `error: "a b" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
    expect(err('nofile')).toBe("error: loading KV pairs: file sources: [missing.txt]: evalsymlink failure on '/nofile/missing.txt' : lstat /nofile/missing.txt: no such file or directory\n");
    expect(err('lit')).toBe('error: loading KV pairs: literal sources [novalue]: invalid literal source novalue, expected key=value\n');
    expect(err('merge')).toBe('error: kubesim does not emulate the configMapGenerator behavior "merge"\n');
  });
});
