import { describe, expect, it } from 'vitest';
import { makeHarness } from '../testing/index.js';

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n';

/** stderr of `kubectl kustomize` on a kustomization whose text is `k`. */
function build(k: string, file = 'kustomization.yaml') {
  return makeHarness({}, { [file]: k, 'svc.yaml': SVC }).kubectl('kustomize');
}

describe('reading a kustomization', () => {
  it('Kustomization (no extension) is found; field names match as Go matches JSON fields, ignoring case', () => {
    expect(build('Resources:\n- svc.yaml\nNAMEPREFIX: x-\n', 'Kustomization')).toEqual({
      stdout: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x-web\nspec:\n  ports:\n  - port: 80\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('wrong types, unknown nested fields and a wrong apiVersion are decoding errors', () => {
    expect(build('resources: svc.yaml\n').stderr).toBe(
      'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string\n',
    );
    expect(build('resources:\n- svc.yaml\ncommonLabels:\n  version: 2\n').stderr).toBe(
      'error: invalid Kustomization: json: cannot unmarshal number into Go struct field Kustomization.commonLabels of type string\n',
    );
    expect(build('images:\n- name: nginx\n  newTags: "1"\n').stderr).toBe('error: invalid Kustomization: json: unknown field "newTags"\n');
    expect(build('apiVersion: kustomize.config.k8s.io/v1\nresources:\n- svc.yaml\n').stderr).toBe(
      'error: Failed to read kustomization file under /:\napiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1\n',
    );
    expect(build('- svc.yaml\n').stderr).toBe('error: invalid Kustomization: json: cannot unmarshal array into Go value of type types.Kustomization\n');
  });

  it('what kubesim does not emulate is refused by name, never ignored', () => {
    expect(build('resources:\n- svc.yaml\ncomponents:\n- ../c\n').stderr).toBe('error: kubesim does not emulate the kustomization field "components"\n');
    expect(build('resources:\n- svc.yaml\nreplacements:\n- path: r.yaml\n').stderr).toBe('error: kubesim does not emulate the kustomization field "replacements"\n');
    expect(build('labels:\n- pairs:\n    a: b\n  fields:\n  - path: spec/x\n').stderr).toBe('error: kubesim does not emulate the kustomization field "labels.fields"\n');
    expect(build('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- svc.yaml\n').stderr).toBe(
      'error: kubesim does not emulate kustomize components (kind: Component)\n',
    );
    expect(build('resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6\n').stderr).toBe(
      'error: kubesim does not emulate remote kustomize resources ("https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6")\n',
    );
  });

  it('deprecated fields still work, with kustomize warnings on stderr', () => {
    const r = build('bases:\n- ./base\nimageTags:\n- name: nginx\n  newTag: "2"\n', 'kustomization.yml');
    expect(r.stderr).toBe(
      "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n" +
        "# Warning: 'imageTags' is deprecated. Please use 'images' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n" +
        "error: accumulating resources: accumulation err='accumulating resources from './base': evalsymlink failure on '/base' : lstat /base: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/base' : lstat /base: no such file or directory\n",
    );
  });
});
