import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitForFrame } from '../helpers/wait-for-frame.js';
import { computeOutcomes } from '../../src/outcomes/compute-outcomes.js';
import { month } from '../outcomes/history.js';
import type { ReportRequest } from '../../src/store/report-slice.js';

afterEach(() => cleanup());

describe('the outcomes report in the deck', () => {
  it('o opens production’s last 30 days over the deck; :report reads another period and environment', async () => {
    const asked: ReportRequest[] = [];
    const deck = await renderDeck({
      platform: memoryPlatform(),
      report: async (request) => (asked.push(request), computeOutcomes(month())),
    });
    await waitForFrame(deck.lastFrame, 'production');
    deck.stdin.write('o');
    const frame = await waitForFrame(deck.lastFrame, /deployment frequency\s+1\.5 a week/);
    expect(frame).toContain('Outcomes · production · since 30d');
    expect(frame).toContain('1 Tickets'); // the deck stays in view around it
    expect(asked).toEqual([{ since: '30d', env: 'production' }]);
    deck.stdin.write('\u001b');
    await waitForFrame(deck.lastFrame, (f) => !f.includes('Outcomes ·'));
    deck.stdin.write(':report 12w staging\r');
    await waitForFrame(deck.lastFrame, 'Outcomes · staging · since 12w');
    expect(asked.at(-1)).toEqual({ since: '12w', env: 'staging' });
  });

  it('says why when the report cannot be made', async () => {
    const deck = await renderDeck({
      platform: memoryPlatform(),
      report: async () => {
        throw new Error('cannot read the releases of production: 503');
      },
    });
    await waitForFrame(deck.lastFrame, 'production');
    deck.stdin.write('o');
    await waitForFrame(deck.lastFrame, 'Cannot make the report: cannot read the releases of production: 503');
  });
});
