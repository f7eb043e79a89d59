import { describe, expect, it } from 'vitest';
import {
  displayText,
  gapDisplayLine,
  highlight,
  layoutRows,
  lineSegments,
  parseDisplayLine,
} from '../../src/logs/display-line.js';
import { gapMarker } from '../../src/logs/gap-marker.js';

const T = '2026-11-26T09:00:00.123456+00:00';

describe('a log line as the pane shows it', () => {
  it('splits a Heroku line into time, source, dyno and message, keeping brackets in the message', () => {
    expect(parseDisplayLine(`${T} app[web.1]: GET /items?ids=[1,2] [cache: hit]`)).toEqual({
      time: '09:00:00.123',
      source: 'app',
      dyno: 'web.1',
      message: 'GET /items?ids=[1,2] [cache: hit]',
      level: 'info',
    });
    expect(parseDisplayLine('2010-10-06T21:51:37-07:00 heroku[router]: at=info status=200').time).toBe('21:51:37.000');
    expect(parseDisplayLine('2018-01-01T00:00:00.5Z heroku[api]: Release v3').time).toBe('00:00:00.500');
  });

  it('calls router errors, 5xx, R/L errors, crashes and failed exits errors; warnings and 4xx warnings', () => {
    const level = (message: string, source = 'heroku[router]') => parseDisplayLine(`${T} ${source}: ${message}`).level;
    expect(
      level(
        'at=error code=H12 desc="Request timeout" method=GET path="/" dyno=web.1 connect=6ms service=30001ms status=503 bytes=0',
      ),
    ).toBe('error');
    expect(level('at=info method=GET path="/" status=500 bytes=10')).toBe('error');
    expect(level('Error R14 (Memory quota exceeded)', 'heroku[worker.1]')).toBe('error');
    expect(level('Error L10 (output buffer overflow): 3 messages dropped', 'heroku[logplex]')).toBe('error');
    expect(level('State changed from starting to crashed', 'heroku[web.1]')).toBe('error');
    expect(level('Process exited with status 137', 'heroku[web.1]')).toBe('error');
    expect(level('Process exited with status 0', 'heroku[web.1]')).toBe('info');
    expect(level('at=warning code=H27 desc="Client Request Interrupted" status=499')).toBe('warn');
    expect(level('at=info method=GET path="/x" status=404 bytes=9')).toBe('warn');
    expect(level('at=info method=GET path="/x" status=200 bytes=5000')).toBe('info');
  });

  it('shows lines that are not Heroku-shaped as they are', () => {
    expect(parseDisplayLine('just some text [x]: y')).toEqual({
      source: '',
      dyno: '',
      message: 'just some text [x]: y',
      level: 'info',
    });
    expect(lineSegments(parseDisplayLine('plain'))).toEqual([{ text: 'plain', style: 'plain' }]);
  });

  it('escape sequences in log text never reach the screen', () => {
    const view = parseDisplayLine(`${T} app[web.1]: a\u001b[2Jb\u001b]0;x\u0007c\u009b31md\u0007e\u0000\r`);
    expect(view.message).toBe('abcde');
    expect(displayText(view)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("draws the deck's gap marker as a gap", () => {
    const view = gapDisplayLine(gapMarker(Date.UTC(2026, 0, 1, 9, 0, 0), Date.UTC(2026, 0, 1, 9, 0, 42)));
    expect(view.gap).toBe(true);
    expect(view.message).toBe('── stream resumed; lines between 09:00:00 and 09:00:42 may be missing ──');
    expect(lineSegments(view)).toEqual([{ text: view.message, style: 'gap' }]);
  });

  it("a line with the gap marker's words is parsed as an ordinary line", () => {
    const view = parseDisplayLine(gapMarker(Date.UTC(2026, 0, 1, 9, 0, 0), Date.UTC(2026, 0, 1, 9, 0, 42)));
    expect(view.gap).toBeUndefined();
    expect(lineSegments(view).map((s) => s.style)).toEqual(['plain']);
  });

  it('highlights search matches across segment borders, and lays rows out wrapped or cut with …', () => {
    const segments = lineSegments(parseDisplayLine(`${T} heroku[router]: at=error code=H12`));
    const lit = highlight(segments, /r\] at|h12/gi);
    expect(lit.filter((s) => s.style === 'match').map((s) => s.text)).toEqual(['r] at', 'H12']);
    expect(lit.find((s) => s.text === 'heroku[route')?.style).toBe('source');
    expect(lit.find((s) => s.text === '=error code=')?.style).toBe('error');
    expect(lit.map((s) => s.text).join('')).toBe('09:00:00.123 heroku[router] at=error code=H12');

    const cut = layoutRows(lit, 20, false);
    expect(cut).toHaveLength(1);
    expect(cut[0]!.map((s) => s.text).join('')).toBe('09:00:00.123 heroku…');

    const wrapped = layoutRows(lit, 20, true);
    expect(wrapped.map((row) => row.map((s) => s.text).join(''))).toEqual([
      '09:00:00.123 heroku[',
      'router] at=error cod',
      'e=H12',
    ]);
    expect(layoutRows([{ text: '😀😀😀', style: 'plain' }], 2, true).map((r) => r[0]!.text)).toEqual(['😀😀', '😀']);
  });
});
