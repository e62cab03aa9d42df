import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run images`: only the container images' test, after the images are built. It needs buildah
 * and the images, so neither `npm test` nor the integration project runs it (the file's suffix,
 * `.images.spec.ts`, is in neither project's pattern).
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    name: 'images',
    include: ['test/images/**/*.images.spec.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
