import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/config/did-you-mean.js';

describe('closestMatch', () => {
  it('suggests the nearest candidate for a typo', () => {
    expect(closestMatch('dri', ['source', 'dir'])).toBe('dir');
    expect(closestMatch('mainbrach', ['mainBranch'])).toBe('mainBranch');
    expect(closestMatch('refersh', ['project', 'git', 'tickets', 'refresh'])).toBe('refresh');
  });

  it('counts swapped neighbours as one edit', () => {
    expect(editDistance('dri', 'dir')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests nothing when every candidate is too far away', () => {
    expect(closestMatch('colour', ['git', 'tickets'])).toBeUndefined();
    expect(closestMatch('anything', [])).toBeUndefined();
  });

  it('allows more edits for longer words', () => {
    expect(closestMatch('mian_branhc', ['mainBranch'])).toBe('mainBranch');
  });
});
