import { describe, expect, it } from 'vitest';
import { updatingExpected } from '../../support/expected-json';

describe('golden files are rewritten only on request and never in CI', () => {
  it('compares by default', () => {
    expect(updatingExpected({})).toBe(false);
    expect(updatingExpected({ CI: 'true' })).toBe(false);
  });

  it('rewrites when asked on a developer machine', () => {
    expect(updatingExpected({ OPSDECK_UPDATE_EXPECTED: '1' })).toBe(true);
    expect(updatingExpected({ OPSDECK_UPDATE_EXPECTED: '1', CI: 'false' })).toBe(true);
  });

  it('refuses to rewrite when CI is set, saying why', () => {
    expect(() => updatingExpected({ OPSDECK_UPDATE_EXPECTED: '1', CI: 'true' })).toThrow(/refused when CI is set/);
    expect(() => updatingExpected({ OPSDECK_UPDATE_EXPECTED: '1', CI: '1' })).toThrow(/never in CI/);
  });
});
