// `npm run build`: every TypeScript project (incremental, in dependency order), then the console bundle.
import { join } from 'node:path';
import { repoRoot, run } from './bootstrap.mjs';

run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-b']);
// The console has its own vite (a newer major than the one vitest brings), so build it through its workspace.
run('npm', ['run', 'build', '--workspace', '@pe/console', '--silent']);
