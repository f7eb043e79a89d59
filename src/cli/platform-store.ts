// The store the headless commands share: the configured platform's environments read once.
import type { LoadedConfig } from '../config/load-config.js';
import { readOnlySetting } from '../store/read-only.js';
import { createDeckStore, type DeckServices, type DeckStore } from '../store/create-deck-store.js';
import { systemClock } from '../services/ports.js';
import { buildServices } from './build-services.js';
import { printError } from './output.js';

export type PlatformStore = { ok: true; store: DeckStore; services: DeckServices } | { ok: false; code: number };

/** Reads the environments; on a missing platform or a failing read it prints why and gives the exit code. */
export async function openPlatformStore(loaded: LoadedConfig, opts: { startEngine: boolean }): Promise<PlatformStore> {
  if (!loaded.config.platform) {
    printError(`dynodeck: ${loaded.file ?? 'dynodeck.yml'} has no "platform:" section, so there are no environments`);
    return { ok: false, code: 2 };
  }
  const services = buildServices(loaded, opts);
  const store = createDeckStore({
    project: loaded.config.project,
    root: loaded.root,
    readOnly: readOnlySetting(loaded.config.readOnly),
    platform: loaded.config.platform.kind,
    services,
    clock: systemClock,
  });
  try {
    await store.getState().refreshEnvironments();
  } catch (error) {
    printError(`dynodeck: cannot read the environments: ${(error as Error).message}`);
    return { ok: false, code: 1 };
  }
  return { ok: true, store, services };
}
