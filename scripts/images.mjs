// `npm run images`: builds the API and worker images from the root Dockerfile with buildah (no Docker
// engine needed), then runs each image's own command against a test stack (embedded PostgreSQL and
// a Temporal dev server on free ports) and checks that the API answers /api/health with every
// dependency up and that the worker polls its task queue (test/images/containers.images.spec.ts).
//
// NODE_IMAGE=<image> builds on that image (e.g. node:20-bookworm-slim where a registry serves it);
// without it the base image is made here once, from debootstrap's bookworm and this machine's Node
// (libs/devstack/src/images.ts), and reused. IMAGES_ONLY=build skips the test; IMAGES_ONLY=test
// tests the images already built. STACK_LOGS=1 shows the containers' output.
import { join } from 'node:path';
import { build, ensureDependencies, obtainTemporalCli, repoRoot, run, step } from './bootstrap.mjs';

const only = process.env.IMAGES_ONLY;
if (only !== undefined && only !== 'build' && only !== 'test') {
  console.error(`✖ IMAGES_ONLY must be "build" or "test", not "${only}"`);
  process.exit(1);
}
ensureDependencies();
build();
const { APPS, buildahAvailable, buildImage, ensureLocalBaseImage } = await import('@pe/devstack');
if (!buildahAvailable()) {
  console.error('✖ buildah is not installed, so no image can be built or run here. Install it (apt-get install buildah debootstrap), or build with Docker: docker compose build.');
  process.exit(1);
}

const figures = [];
if (only !== 'test') {
  let nodeImage = process.env.NODE_IMAGE;
  if (!nodeImage) {
    step('The base image (this machine\'s Node on Debian bookworm)');
    const base = ensureLocalBaseImage((line) => console.log(line));
    nodeImage = base.value.image;
    console.log(base.value.made ? `made ${nodeImage} in ${base.seconds.toFixed(0)} s` : `reusing ${nodeImage}`);
  }
  for (const app of APPS) {
    step(`Building the ${app} image (buildah bud, NODE_IMAGE=${nodeImage})`);
    const built = await buildImage({ app, repoRoot, nodeImage });
    figures.push(`${built.value.image}: ${built.value.size}, built in ${built.seconds.toFixed(0)} s`);
    console.log(figures.at(-1));
  }
}
if (only !== 'build') {
  await obtainTemporalCli();
  step('Running the images against a test stack');
  run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'test/vitest.images.config.ts', ...process.argv.slice(2)]);
}
if (figures.length > 0) console.log(`\n${figures.join('\n')}`);
