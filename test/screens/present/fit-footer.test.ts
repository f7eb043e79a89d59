import { describe, expect, it } from 'vitest';
import { fitFooter } from '../../../src/screens/present/fit-footer.js';

const keys = [
  { label: 'n', text: 'new' },
  { label: 'j/↓', text: 'move' },
  { label: 'Enter', text: 'open' },
  { label: 'q', text: 'quit' },
  { label: '?', text: 'help' },
  { label: ':', text: 'command' },
];
const text = (shown: typeof keys) => shown.map((k) => `${k.label} ${k.text}`).join('  ');

describe('the footer in little room', () => {
  it('shows every key when they fit', () => {
    expect(text(fitFooter(keys, 200))).toBe('n new  j/↓ move  Enter open  q quit  ? help  : command');
  });

  it('drops the last keys first but keeps quit and help, in their places', () => {
    expect(text(fitFooter(keys, 33))).toBe('n new  j/↓ move  q quit  ? help');
    expect(text(fitFooter(keys, 32))).toBe('n new  q quit  ? help');
    expect(text(fitFooter(keys, 16))).toBe('q quit  ? help');
  });
});
