import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { tempProject } from './helpers.js';

describe('github: in dynodeck.yml', () => {
  it('is absent unless written (an empty "github:" too, like every section), and {} gives the defaults', async () => {
    expect((await loadConfig({ cwd: await tempProject('project: shop\n') })).config.github).toBeUndefined();
    expect((await loadConfig({ cwd: await tempProject('github:\n') })).config.github).toBeUndefined();
    const { config } = await loadConfig({ cwd: await tempProject('github: {}\n') });
    expect(config.github).toEqual({
      releaseTag: 'production-v{version}',
      labels: {
        complexity: {
          trivial: 'complexity: trivial',
          standard: 'complexity: standard',
          complex: 'complexity: complex',
        },
      },
    });
  });

  it('reads the repo, the release tag and the complexity label names as written', async () => {
    const yml = [
      'github:',
      '  repo: acme/shop',
      '  releaseTag: prod-{date}-{sha}',
      '  labels:',
      '    complexity:',
      '      trivial: size/XS',
      '      complex: size/XL',
    ].join('\n');
    const { config } = await loadConfig({ cwd: await tempProject(yml) });
    expect(config.github).toEqual({
      repo: 'acme/shop',
      releaseTag: 'prod-{date}-{sha}',
      labels: { complexity: { trivial: 'size/XS', standard: 'complexity: standard', complex: 'size/XL' } },
    });
  });

  it('a repo that is not owner/name and a tag without {version} or {sha} say what was expected', async () => {
    const cwd = await tempProject('github:\n  repo: shop\n  releaseTag: production\n  labels:\n    colour: red\n');
    const error = await loadConfig({ cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).format().split('\n')).toEqual([
      'dynodeck.yml:2:9: github.repo: expected owner/name (e.g. acme/shop), got "shop"',
      'dynodeck.yml:3:15: github.releaseTag: expected a tag with {version} or {sha} in it, without spaces (e.g. production-v{version}), got "production"',
      'dynodeck.yml:5:5: github.labels.colour: unknown key (known keys: complexity)',
    ]);
  });

  it('a token under github: is refused without echoing it', async () => {
    const error = await loadConfig({ cwd: await tempProject('github:\n  token: ghp_secret123\n') }).catch(
      (e: unknown) => e,
    );
    expect((error as ConfigError).format()).toContain('secrets do not belong in dynodeck.yml');
    expect((error as ConfigError).format()).not.toContain('ghp_secret123');
  });
});
