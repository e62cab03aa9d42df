export * from './processes.js';
export * from './postgres.js';
export * from './temporal-cli.js';
export * from './temporal-server.js';
export * from './stack.js';
export * from './start-error.js';
export { removeLinkedCluster } from './root-runtime.js';
export * from './supervisor.js';
