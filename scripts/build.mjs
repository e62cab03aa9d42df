// `npm run build`: every TypeScript project (incremental, in dependency order), then the console bundle.
import { join } from 'node:path';
import { repoRoot, run } from './bootstrap.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
run(bin('tsc'), ['-b']);
run(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: join(repoRoot, 'apps', 'console') });
