export * from './data-source.js';
export * from './hash.js';
export * from './event-row.js';
export * from './event-store.js';
export * from './projector.js';
export * from './read/list-query.js';
export * from './read/read-models.js';
export * from './users.js';
