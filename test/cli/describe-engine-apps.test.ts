// The words of `dynodeck engine apps`: each app with its database, and the databases that the
// next engine start drops, with the reason for each.
import { describe, expect, it } from 'vitest';
import { describeApps } from '../../src/cli/describe-engine-apps.js';
import type { AppListing } from '../../src/engine/parked-apps.js';

const app = (name: string, env: string, project: string, parked: boolean): AppListing => ({
  name,
  env,
  project,
  inUse: !parked,
  parked,
  releases: parked ? 2 : 0,
  ...(parked ? { current: 2 } : {}),
  formation: parked ? { web: 1 } : {},
  configVars: 1,
});

describe('the engine apps listing', () => {
  it('shows the database each app uses and what the next start drops, and why', () => {
    const lines = describeApps(
      [app('brightcart-staging', 'staging', 'brightcart', false), app('shop-box-1', 'box-1', 'shop', true)],
      'brightcart',
      {
        byApp: { 'brightcart-staging': 'shop_staging', 'shop-box-1': 'shop_box_1' },
        drops: [
          {
            app: 'brightcart-staging',
            role: 'brightcart_staging',
            database: 'brightcart_staging',
            reason: 'replaced',
            replacedBy: 'shop-staging',
            recordedAt: '',
          },
          {
            app: 'shop-production',
            role: 'shop_production',
            database: 'shop_production',
            reason: 'removed',
            recordedAt: '',
          },
        ],
      },
    );
    expect(lines).toEqual([
      'apps of project "brightcart" (dynodeck.yml):',
      '  brightcart-staging       staging      no release (0 releases) no processes       1 config vars    database shop_staging',
      'apps of project "shop", which dynodeck.yml no longer names (kept aside):',
      '  shop-box-1               box-1        v2 (2 releases)      web=1              1 config vars    database shop_box_1',
      'databases dropped at the next engine start:',
      "  brightcart_staging       brightcart-staging's database until shop-staging was renamed to brightcart-staging",
      '  shop_production          shop-production was removed',
      '"dynodeck engine apps rename shop" carries shop\'s apps over to "brightcart"; "dynodeck engine apps remove shop" deletes them',
    ]);
  });

  it('an app without a database ends with its config vars, as before', () => {
    const [, row] = describeApps([app('brightcart-staging', 'staging', 'brightcart', false)], 'brightcart');
    expect(row).toMatch(/ 1 config vars$/);
  });
});
