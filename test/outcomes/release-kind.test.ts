import { describe, expect, it } from 'vitest';
import { classifyRelease, isChange } from '../../src/outcomes/release-kind.js';

describe('what a release was, from its description', () => {
  it('reads Heroku and local-engine descriptions', () => {
    expect(classifyRelease('Deploy 1a2b3c4d')).toEqual({ kind: 'deploy' });
    expect(classifyRelease('Deployed web (1a2b3c4d)')).toEqual({ kind: 'deploy' });
    expect(classifyRelease('Promote shop-staging v12')).toEqual({ kind: 'promote' });
    expect(classifyRelease('Rollback to v11')).toEqual({ kind: 'rollback', rollbackTo: 11 });
    expect(classifyRelease('Set FOO config vars')).toEqual({ kind: 'other' });
    expect(classifyRelease('Initial release')).toEqual({ kind: 'other' });
  });

  it('counts deploys and promotions as changes, not rollbacks or config changes', () => {
    expect(['Deploy abc', 'Promote a v1', 'Rollback to v3', 'Remove FOO config vars'].map(isChange)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('does not take a word that merely starts like one for it', () => {
    expect(classifyRelease('Deployment of secrets').kind).toBe('other');
    expect(classifyRelease('Promoted by hand').kind).toBe('other');
  });
});
