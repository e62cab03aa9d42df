import { describe, expect, it } from 'vitest';
import { pathProblem } from './path-check.js';

describe('pathProblem', () => {
  it.each(['/api/tasks/%00', '/api/partnerships/a%0Ab/state', '/api/users/%7F'])('refuses a control character in %s', (path) => {
    expect(pathProblem(path)).toMatch(/control character/);
  });

  it.each(['/api/tasks/%E0%A4%A', '/api/tasks/%', '/api/tasks/%ZZ'])('refuses the undecodable %s', (path) => {
    expect(pathProblem(path)).toMatch(/does not decode/);
  });

  it.each(['/api/partnerships/2b1f0c1e-1b7c-4f0e-9a51-0f5f2b1c9d3e/state', '/api/tasks/caf%C3%A9', '/', '/assets/index.js'])('lets %s through', (path) => {
    expect(pathProblem(path)).toBeNull();
  });
});
