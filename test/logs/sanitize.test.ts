import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/logs/sanitize.js';
import { HOSTILE, hostile, terminalControls } from '../helpers/hostile-text.js';

describe('sanitizeLine', () => {
  it('removes an OSC 52 clipboard write with its payload', () => {
    expect(sanitizeLine('a\u001b]52;c;cm0gLXJmIH4=\u0007b')).toBe('ab');
    expect(sanitizeLine('a\u001b]52;c;cm0gLXJmIH4=\u001b\\b')).toBe('ab');
  });

  it('removes an OSC 8 hyperlink and keeps its text', () => {
    expect(sanitizeLine('\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\ here')).toBe('click here');
  });

  it('removes CSI 2J and other CSI sequences', () => {
    expect(sanitizeLine('\u001b[2J\u001b[Hclear\u001b[31m')).toBe('clear');
  });

  it('removes 8-bit C1 CSI, OSC, DCS, SOS, PM and APC with their payloads', () => {
    expect(sanitizeLine('a\u009b2Jb')).toBe('ab');
    expect(sanitizeLine('a\u009d52;c;cm0gLXJmIH4=\u009cb')).toBe('ab');
    expect(sanitizeLine('a\u009d0;title\u0007b')).toBe('ab');
    expect(sanitizeLine('a\u0090q#0;2\u009cb')).toBe('ab');
    expect(sanitizeLine('a\u0098sos\u009cb\u009epm\u009cc\u009fapc\u009cd')).toBe('abcd');
  });

  it('removes a DCS string (sixel, tmux passthrough) up to its terminator', () => {
    expect(sanitizeLine('a\u001bPtmux;\u001b\u001b]52;c;eA==\u0007\u001b\\b')).toBe('ab');
  });

  it('removes a lone ESC, other two-byte escapes and bare controls', () => {
    expect(sanitizeLine('a\u001b')).toBe('a');
    expect(sanitizeLine('a\u001bcb\u001b(Bc\u001b7d')).toBe('abcd');
    expect(sanitizeLine('a\u0007b\rc\u007fd\u0085e')).toBe('abcde');
  });

  it('turns tabs into spaces and line breaks into one line', () => {
    expect(sanitizeLine('a\tb\nc')).toBe('a  b c');
  });

  it('leaves plain text, unicode and emoji as they are', () => {
    expect(sanitizeLine('déjà vu ✓ 🚀 [web.1] 50%')).toBe('déjà vu ✓ 🚀 [web.1] 50%');
  });

  it('leaves nothing of every hostile sequence at once', () => {
    const clean = sanitizeLine(hostile('label'));
    expect(clean).toBe('clicklabelclick');
    expect(terminalControls(clean)).toEqual([]);
    expect(terminalControls(HOSTILE)).not.toEqual([]);
  });
});

describe('sanitizeText', () => {
  it('keeps line breaks and cleans each line', () => {
    expect(sanitizeText(`one\n${HOSTILE}two`)).toBe('one\nclicktwo');
  });
});
