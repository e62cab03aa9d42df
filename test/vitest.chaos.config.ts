import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run chaos`: only the chaos suite, which starts a stack of its own, so none of the integration
 * project's shared stack (vitest.config.ts) is started for it.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    name: 'chaos',
    include: ['test/integration/chaos.int.spec.ts'],
    pool: 'forks',
    testTimeout: 3_600_000,
    hookTimeout: 180_000,
  },
});
