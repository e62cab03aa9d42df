export * from './errors.js';
export * from './duration.js';
export * from './policy.js';
export * from './partnership.js';
export * from './decide.js';
export * from './timers.js';
export * from './schemas.js';
