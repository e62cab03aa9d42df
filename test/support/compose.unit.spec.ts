/** docker-compose.yml's substitutions resolved as compose resolves them, so tests hand containers what compose would. */
import { describe, expect, it } from 'vitest';
import { interpolate, serviceEnvironment } from './compose.js';

describe('interpolate', () => {
  const variables = { SET: 'value', EMPTY: '' };

  it('substitutes, defaults and escapes as compose does', () => {
    expect(interpolate('a ${SET} $SET b', variables)).toBe('a value value b');
    expect(interpolate('${UNSET:-fallback} ${EMPTY:-fallback} ${EMPTY-fallback} ${UNSET-fallback}', variables)).toBe('fallback fallback  fallback');
    expect(interpolate('$${SET} $$', variables)).toBe('${SET} $');
    expect(interpolate('${UNSET}', variables)).toBe('');
  });

  it('refuses a required variable that is missing, with its message', () => {
    expect(interpolate('${SET:?set SET}', variables)).toBe('value');
    expect(() => interpolate('${EMPTY:?set EMPTY}', variables)).toThrow('EMPTY is required: set EMPTY');
    expect(interpolate('${EMPTY?set EMPTY}', variables)).toBe('');
    expect(() => interpolate('${UNSET?set UNSET}', variables)).toThrow('UNSET is required: set UNSET');
  });
});

describe('serviceEnvironment', () => {
  it('interpolates both forms and passes bare names on from the variables', () => {
    const variables = { PASSWORD: 'pw', PASSED: 'as is $HOME' };
    expect(serviceEnvironment({ environment: { URL: 'postgres://pe:${PASSWORD}@db/x', PORT: 3000, PASSED: null } }, variables)).toEqual({
      URL: 'postgres://pe:pw@db/x',
      PORT: '3000',
      PASSED: 'as is $HOME',
    });
    expect(serviceEnvironment({ environment: ['URL=${PASSWORD:-x}', 'PASSED'] }, variables)).toEqual({ URL: 'pw', PASSED: 'as is $HOME' });
  });
});
