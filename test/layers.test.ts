// The layer rules in eslint.config.js: an upward import fails the lint, which `npm test` runs.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('layers look down', () => {
  it('refuses a service importing the store, the engine importing a service, and a log module importing anything', async () => {
    expect(
      await problems('src/services/probe.ts', "import { createDeckStore } from '../store/create-deck-store.js';\n"),
    ).toEqual([expect.stringContaining('src/services/** may not import store')]);
    expect(
      await problems('src/engine/logs/probe.ts', "import { systemClock } from '../../services/ports.js';\n"),
    ).toEqual([expect.stringContaining('src/engine/** may not import')]);
    expect(await problems('src/logs/probe.ts', "import { x } from '../domain/clock.js';\n")).toEqual([
      expect.stringContaining('is a leaf'),
    ]);
  });

  it('lets screens take types, not code, from services, and lets every layer import downward', async () => {
    expect(await problems('src/screens/probe.ts', "import { systemClock } from '../services/ports.js';\n")).toEqual([
      expect.stringContaining('only types from services'),
    ]);
    expect(await problems('src/screens/probe.ts', "import type { Platform } from '../services/ports.js';\n")).toEqual(
      [],
    );
    expect(await problems('src/store/probe.ts', "import { systemClock } from '../services/ports.js';\n")).toEqual([]);
    expect(await problems('src/engine/probe.ts', "import { systemClock } from '../domain/clock.js';\n")).toEqual([]);
  });
});
