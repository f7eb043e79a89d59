import { describe, expect, it } from 'vitest';
import { createSharedLogStreams, type StreamHandlers } from '../../src/services/shared-log-streams.js';
import type { LogLoss, LogStreamListener, LogStreamStatus } from '../../src/services/ports.js';

/** A provider whose streams the test drives by hand. */
function provider() {
  const opened: Array<{ env: string; handlers: StreamHandlers; stopped: boolean }> = [];
  return {
    opened,
    open: (env: string, handlers: StreamHandlers) => {
      const stream = { env, handlers, stopped: false };
      opened.push(stream);
      return { stop: () => (stream.stopped = true) };
    },
  };
}

function listener() {
  const lines: string[] = [];
  const statuses: LogStreamStatus[] = [];
  const losses: LogLoss[] = [];
  const gaps: number[] = [];
  const l: LogStreamListener = {
    onLines: (batch) => void lines.push(...batch),
    onStatus: (s) => void statuses.push(s),
    onLoss: (loss) => void losses.push(loss),
    onGap: () => void gaps.push(lines.length),
  };
  return { l, lines, statuses, losses, gaps };
}

const connected: LogStreamStatus = { state: 'connected', attempt: 0, since: 1 };

describe('shared log streams', () => {
  it('open one stream per environment however many listen, and every listener gets each line once', () => {
    const p = provider();
    const streams = createSharedLogStreams(p.open);
    const pane = listener();
    const watcher = listener();
    streams.follow('staging', pane.l);
    streams.follow('staging', watcher.l);
    streams.follow('production', listener().l);
    expect(p.opened.map((o) => o.env)).toEqual(['staging', 'production']);
    p.opened[0]!.handlers.onLines(['a', 'b']);
    p.opened[0]!.handlers.onLoss({ cause: 'overflow', lines: 7 });
    expect(pane.lines).toEqual(['a', 'b']);
    expect(watcher.lines).toEqual(['a', 'b']);
    expect(pane.losses).toEqual([{ cause: 'overflow', lines: 7 }]);
    expect(watcher.losses).toEqual([{ cause: 'overflow', lines: 7 }]);
  });

  it('a listener that joins an open stream first gets its status and its recent lines, oldest first', () => {
    const p = provider();
    const streams = createSharedLogStreams(p.open, { recentLines: 3 });
    streams.follow('staging', listener().l);
    p.opened[0]!.handlers.onStatus(connected);
    p.opened[0]!.handlers.onLines(['1', '2']);
    p.opened[0]!.handlers.onLines(['3', '4', '5']);
    const late = listener();
    streams.follow('staging', late.l);
    expect(late.statuses).toEqual([connected]);
    expect(late.lines).toEqual(['3', '4', '5']);
    p.opened[0]!.handlers.onLines(['6']);
    expect(late.lines).toEqual(['3', '4', '5', '6']);
  });

  it('the stream closes when its last listener leaves, and the next listener opens a new one', () => {
    const p = provider();
    const streams = createSharedLogStreams(p.open);
    const stopPane = streams.follow('staging', listener().l);
    const stopWatcher = streams.follow('staging', listener().l);
    stopPane();
    stopPane(); // leaving twice changes nothing
    expect(p.opened[0]!.stopped).toBe(false);
    stopWatcher();
    expect(p.opened[0]!.stopped).toBe(true);
    streams.follow('staging', listener().l);
    expect(p.opened).toHaveLength(2);
    expect(p.opened[1]!.stopped).toBe(false);
  });

  it("one listener's failure does not starve the others", () => {
    const p = provider();
    const streams = createSharedLogStreams(p.open);
    streams.follow('staging', {
      onLines: () => {
        throw new Error('a bug in one listener');
      },
      onStatus: () => {},
    });
    const other = listener();
    streams.follow('staging', other.l);
    p.opened[0]!.handlers.onLines(['x']);
    expect(other.lines).toEqual(['x']);
  });
});
