import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.js';

const ARN = 'arn:aws:eks:eu-west-1:123456789012:cluster/demo';

describe('aws eks', () => {
  it('update-kubeconfig rewrites the entries kubectl reads: a deleted context comes back and is current again', () => {
    const c = createCluster({ name: 'demo', region: 'eu-west-1', nodes: [] });
    expect(c.aws('eks update-kubeconfig --name demo --region eu-west-1')).toEqual({ stdout: `Updated context ${ARN} in /root/.kube/config\n`, stderr: '', exitCode: 0 });
    c.kubectl(`config delete-context ${ARN}`);
    c.kubectl(`config delete-cluster ${ARN}`);
    expect(c.kubectl('get ns default -o name').stderr).toBe(`Error in configuration: context was not found for specified context: ${ARN}\n`);
    expect(c.aws('eks update-kubeconfig --name demo').stdout).toBe(`Added new context ${ARN} to /root/.kube/config\n`);
    expect(c.kubectl('get ns default -o name').stdout).toBe('namespace/default\n');
    expect(c.kubectl('config current-context').stdout).toBe(`${ARN}\n`);
  });

  it('--alias names the context; the namespace set on the old entry is gone, as the entry is replaced whole', () => {
    const c = createCluster({ name: 'demo', region: 'eu-west-1', nodes: [] });
    c.kubectl('create namespace shop');
    c.kubectl('config set-context --current --namespace=shop');
    expect(c.aws('eks update-kubeconfig --name demo --alias demo-admin').stdout).toBe(`Updated context demo-admin in /root/.kube/config\n`);
    expect(c.kubectl('config get-contexts -o name').stdout).toBe(`${ARN}\ndemo-admin\n`);
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
    c.kubectl(`config use-context ${ARN}`);
    expect(c.kubectl('get pods').stderr).toBe('No resources found in shop namespace.\n');
    c.aws('eks update-kubeconfig --name demo');
    expect(c.kubectl('get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('--role-arn adds the role to get-token; --verbose prints the entries; --dry-run prints the merged file and changes nothing', () => {
    const c = createCluster({ name: 'demo', region: 'eu-west-1', nodes: [] });
    const role = 'arn:aws:iam::123456789012:role/eks-admin';
    const verbose = c.aws(`eks update-kubeconfig --name demo --role-arn ${role} --alias admin --verbose`).stdout;
    expect(verbose).toMatch(
      new RegExp(
        `^Updated context admin in /root/.kube/config\\nEntries:\\n\\ncontext:\\n  cluster: ${ARN}\\n  user: ${ARN}\\nname: admin\\n\\nname: ${ARN}\\nuser:\\n  exec:\\n    apiVersion: client.authentication.k8s.io/v1beta1\\n    args:\\n    - --region\\n    - eu-west-1\\n    - eks\\n    - get-token\\n    - --cluster-name\\n    - demo\\n    - --output\\n    - json\\n    - --role\\n    - ${role}\\n    command: aws\\n\\ncluster:\\n  certificate-authority-data: [A-Za-z0-9+/=]+\\n  server: https://[0-9A-F]{32}\\.gr7\\.eu-west-1\\.eks\\.amazonaws\\.com\\nname: ${ARN}\\n\\n$`,
      ),
    );
    const before = c.kubectl('config view --raw').stdout;
    const dry = c.aws('eks update-kubeconfig --name demo --alias other --dry-run').stdout;
    expect(dry).toContain('current-context: other\n');
    expect(dry).toContain('  name: admin\n- context:');
    expect(dry).not.toContain('interactiveMode');
    expect(c.kubectl('config view --raw').stdout).toBe(before);
  });

  it('a cluster name or region that is not the cluster is ResourceNotFoundException; list-clusters lists it', () => {
    const c = createCluster({ name: 'demo', region: 'eu-west-1', nodes: [] });
    const before = c.kubectl('config view --raw').stdout;
    expect(c.aws('eks update-kubeconfig --name prod')).toEqual({
      stdout: '',
      stderr: '\nAn error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: prod.\n',
      exitCode: 254,
    });
    expect(c.aws('eks update-kubeconfig --name demo --region us-east-1').exitCode).toBe(254);
    expect(c.aws('eks update-kubeconfig').stderr).toContain('the following arguments are required: --name');
    expect(c.kubectl('config view --raw').stdout).toBe(before);
    expect(JSON.parse(c.aws('eks list-clusters').stdout)).toEqual({ clusters: ['demo'] });
    expect(JSON.parse(c.aws('eks list-clusters --region us-east-1').stdout)).toEqual({ clusters: [] });
    expect(c.aws('eks list-clusters --query clusters[0] --output text').stdout).toBe('demo\n');
  });
});
