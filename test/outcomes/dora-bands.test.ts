import { describe, expect, it } from 'vitest';
import {
  changeFailureBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from '../../src/outcomes/dora-bands.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('DORA bands', () => {
  it('deployment frequency: daily or more is elite, weekly high, monthly medium, less often low', () => {
    expect([14, 7, 6.9, 1, 0.99, 0.25, 0.2, 0].map(deploymentFrequencyBand)).toEqual([
      'elite',
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
    expect(deploymentFrequencyBand(null)).toBe('not enough data');
  });

  it('lead time: under a day elite, under a week high, under a month medium, else low', () => {
    expect([HOUR, DAY - 1, DAY, 7 * DAY - 1, 7 * DAY, 730 * HOUR - 1, 730 * HOUR].map(leadTimeBand)).toEqual([
      'elite',
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
    expect(leadTimeBand(null)).toBe('not enough data');
  });

  it('change failure rate: up to 5 % elite, 10 % high, 15 % medium, above low', () => {
    expect([0, 0.05, 0.051, 0.1, 0.15, 0.151, 1].map(changeFailureBand)).toEqual([
      'elite',
      'elite',
      'high',
      'high',
      'medium',
      'low',
      'low',
    ]);
    expect(changeFailureBand(null)).toBe('not enough data');
  });

  it('time to restore: under an hour elite, under a day high, under a week medium, else low', () => {
    expect([HOUR - 1, HOUR, DAY - 1, DAY, 7 * DAY - 1, 7 * DAY].map(timeToRestoreBand)).toEqual([
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
    expect(timeToRestoreBand(null)).toBe('not enough data');
  });
});
