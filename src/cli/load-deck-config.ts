// dynodeck.yml as every command reads it: the schema, plus what only the screens know
// (the command ids that `keys:` remaps), and `--read-only` from the command line.
import { loadConfig, type ConfigCheck, type LoadedConfig } from '../config/load-config.js';
import { checkKeyOverrides } from '../screens/commands/command-table.js';

const keysMatchCommands: ConfigCheck = (config) =>
  checkKeyOverrides(config.keys).map((p) => ({ path: ['keys', p.id], message: p.message }));

export async function loadDeckConfig(opts: { cwd: string; path?: string; readOnly?: boolean }): Promise<LoadedConfig> {
  const loaded = await loadConfig({ cwd: opts.cwd, path: opts.path, checks: [keysMatchCommands] });
  return opts.readOnly ? { ...loaded, config: { ...loaded.config, readOnly: true } } : loaded;
}
