import { describe, expect, it } from 'vitest';
import { publishIntervalMs } from '../../src/store/publish-interval.js';

describe('publish interval of the Logs pane', () => {
  it('is the base interval while lines come at a readable pace', () => {
    expect(publishIntervalMs(0)).toBe(100);
    expect(publishIntervalMs(100)).toBe(100);
    expect(publishIntervalMs(40, 50)).toBe(50);
  });

  it('draws a few hundred lines a second four times a second, and a flood twice a second', () => {
    expect(publishIntervalMs(101)).toBe(250);
    expect(publishIntervalMs(500)).toBe(250);
    expect(publishIntervalMs(501)).toBe(500);
    expect(publishIntervalMs(20_000)).toBe(500);
  });

  it('never publishes more often than the configured interval', () => {
    expect(publishIntervalMs(1000, 800)).toBe(800);
    expect(publishIntervalMs(300, 400)).toBe(400);
  });
});
