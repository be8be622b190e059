import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url));

/** Workspace packages resolve to their TypeScript sources, so tests never need a build first. */
const alias = {
  '@kubesim/core': src('core/src/index.ts'),
  '@kubesim/scheduler': src('scheduler/src/index.ts'),
  '@kubesim/storage': src('storage/src/index.ts'),
  'kubesim/testing': src('kubesim/src/testing/index.ts'),
  kubesim: src('kubesim/src/index.ts'),
};

const project = (name: string) => ({
  resolve: { alias },
  test: {
    name,
    root: src(name),
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

export default defineConfig({
  test: {
    projects: ['core', 'scheduler', 'storage', 'kubesim'].map(project),
  },
});
