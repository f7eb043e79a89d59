import { describe, expect, it } from 'vitest';
import { parseRemoteUrl, parseRepoSlug } from '../../../src/services/github/repo-ref.js';

describe('parseRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/shop.git', 'github.com'],
    ['https://github.com/acme/shop', 'github.com'],
    ['https://github.com/acme/shop/', 'github.com'],
    ['http://github.com/acme/shop.git', 'github.com'],
    ['https://x-access-token:abc@github.com/acme/shop.git', 'github.com'],
    ['https://GitHub.com/acme/shop.git', 'github.com'],
    ['git@github.com:acme/shop.git', 'github.com'],
    ['git@github.com:acme/shop', 'github.com'],
    ['github.com:acme/shop.git', 'github.com'],
    ['ssh://git@github.com/acme/shop.git', 'github.com'],
    ['ssh://git@github.com:22/acme/shop', 'github.com'],
    ['git://github.com/acme/shop.git', 'github.com'],
    ['git@ghe.example.com:acme/shop.git', 'ghe.example.com'],
    ['https://ghe.example.com/acme/shop.git\n', 'ghe.example.com'],
  ])('reads owner/name from %s', (url, host) => {
    expect(parseRemoteUrl(url)).toEqual({ owner: 'acme', name: 'shop', host });
  });

  it('keeps dots, dashes and underscores in names', () => {
    expect(parseRemoteUrl('git@github.com:my-org/shop.web_v2.git')).toEqual({
      owner: 'my-org',
      name: 'shop.web_v2',
      host: 'github.com',
    });
  });

  it.each([
    '',
    '/home/me/shop',
    '../shop',
    'file:///srv/git/shop.git',
    'https://gitlab.com/group/sub/shop.git',
    'https://github.com/acme',
    'git@github.com:acme',
    'not a url',
  ])('does not take %j for a GitHub repository', (url) => {
    expect(parseRemoteUrl(url)).toBeUndefined();
  });
});

describe('parseRepoSlug', () => {
  it('reads owner/name', () => {
    expect(parseRepoSlug('acme/shop')).toEqual({ owner: 'acme', name: 'shop' });
  });

  it.each(['acme', 'acme/shop/x', 'acme/', '/shop', 'ac me/shop', 'acme/..'])('refuses %j', (slug) => {
    expect(parseRepoSlug(slug)).toBeUndefined();
  });
});
