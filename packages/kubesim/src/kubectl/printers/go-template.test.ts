import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster.js';
import { goTemplate } from './go-template.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', labels: { app: 'web', tier: 'front' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }, { name: 'side', image: 'busybox' }] },
  status: { phase: 'Running', podIP: '10.0.1.2' },
};
const list = { apiVersion: 'v1', kind: 'List', items: [pod, { ...pod, metadata: { name: 'web-1', labels: {} }, status: { phase: 'Pending' } }] };

describe('go-template (text/template as kubectl uses it)', () => {
  it.each([
    ['field', '{{.metadata.name}}', pod, 'web-0'],
    ['map printed as %v with sorted keys', '{{.metadata.labels}}', pod, 'map[app:web tier:front]'],
    ['slice printed as %v', '{{range .spec.containers}}{{.name}} {{end}}', pod, 'nginx side '],
    ['missing key', '{{.metadata.namespace}}', pod, '<no value>'],
    ['range over items with a string literal newline', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', list, 'web-0\nweb-1\n'],
    ['range with key and value variables over a map', '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}', pod, 'app=web;tier=front;'],
    ['if eq / else', '{{range .items}}{{if eq .status.phase "Running"}}up{{else}}down{{end}} {{end}}', list, 'up down '],
    ['else if shares the end', '{{if eq .status.phase "Pending"}}p{{else if eq .status.phase "Running"}}r{{else}}x{{end}}', pod, 'r'],
    ['index, len and printf', '{{index .metadata.labels "app"}} {{len .items}} {{printf "%s=%d" "n" 3}}', { ...list, metadata: pod.metadata }, 'web 2 n=3'],
    ['pipeline into a function', '{{.items | len}}', list, '2'],
    ['with sets dot', '{{with .status}}{{.podIP}}{{end}}', pod, '10.0.1.2'],
    ['$ is the root inside range', '{{range .spec.containers}}{{$.metadata.name}}/{{.name}} {{end}}', pod, 'web-0/nginx web-0/side '],
    ['trim markers and comments', 'a  {{- /* note */ -}}  {{- .kind -}}  \n b', pod, 'aPodb'],
    ['range else on an empty list', '{{range .items}}x{{else}}none{{end}}', { items: [] }, 'none'],
    ['base64decode', '{{.data.pw | base64decode}}', { data: { pw: 'c2VjcmV0' } }, 'secret'],
  ])('%s', (_name, template, data, want) => {
    expect(goTemplate(template, data)).toBe(want);
  });

  it('an unknown function and an unclosed action are errors', () => {
    expect(() => goTemplate('{{nope .x}}', pod)).toThrow('function "nope" not defined');
    expect(() => goTemplate('{{.metadata.name', pod)).toThrow('unclosed action');
  });

  it('kubectl get and run print through it', () => {
    const c = createCluster({ seed: 5 });
    expect(c.kubectl('run box --image=busybox -o go-template={{.metadata.name}}:{{.spec.containers}} -- sleep 60').stdout).toMatch(/^box:\[map\[.*image:busybox.*name:box.*\]\]$/);
    c.kubectl('run web --image=nginx -l app=web');
    expect(c.kubectl(`get pods -o go-template='{{range .items}}{{.metadata.name}} {{.metadata.labels}} {{index .metadata.labels "run"}}{{"\\n"}}{{end}}'`).stdout).toBe(
      'box map[run:box] box\nweb map[app:web] <no value>\n',
    );
    expect(c.kubectl('get pod web -o template={{.spec.containers}}').stdout).toMatch(/^\[map\[/);
    expect(c.kubectl('get pod web -o go-template-file=x.tmpl').stderr).toContain('unable to match a printer');
  });
});
