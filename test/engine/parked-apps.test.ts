// The words and the bookkeeping for apps kept aside when dynodeck.yml stops naming them.
import { describe, expect, it } from 'vitest';
import { parkedNotice, projectOfApp, type ParkedApp } from '../../src/engine/parked-apps.js';

const parked = (name: string, env: string): ParkedApp =>
  ({ project: projectOfApp({ name, env }), parkedAt: '', app: { name, env }, slugs: {} }) as unknown as ParkedApp;

describe('apps kept aside', () => {
  it('an app belongs to the project its name starts with', () => {
    expect(projectOfApp({ name: 'shop-box-2', env: 'box-2' })).toBe('shop');
    expect(projectOfApp({ name: 'my-shop-staging', env: 'staging' })).toBe('my-shop');
    expect(projectOfApp({ name: 'odd', env: 'staging' })).toBe('odd');
  });

  it("another project's apps get the rename command; the current project's leftovers only the listing", () => {
    expect(parkedNotice([parked('shop-staging', 'staging'), parked('shop-production', 'production')], 'store')).toBe(
      'the engine keeps the releases, formation and config vars of project "shop" (shop-staging, shop-production) aside, as dynodeck.yml now says "store": "dynodeck engine apps rename shop" carries them over, "dynodeck engine apps" lists them',
    );
    expect(parkedNotice([parked('store-box-3', 'box-3')], 'store')).toBe(
      'the engine keeps store-box-3 aside (dynodeck.yml no longer names it): "dynodeck engine apps" lists it',
    );
    expect(parkedNotice([], 'store')).toBeUndefined();
  });
});
