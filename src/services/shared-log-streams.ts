// One live log stream per environment, shared by everyone who listens (the Logs pane and
// the health watcher): the network, the stream parsing and the overflow/gap accounting
// happen once per line, not once per listener. The first listener opens the stream and
// the last one to leave closes it; a listener that joins an open stream first gets its
// latest status and its recent lines, as a new session's history would have given it.
import type { LogGap } from '../logs/gap-marker.js';
import { createRecentLines, type RecentLines } from '../logs/recent-lines.js';
import type { LogLoss, LogStreamListener, LogStreams, LogStreamStatus } from './ports.js';

export interface StreamHandlers {
  onLines(lines: string[]): void;
  onGap(gap: LogGap): void;
  onLoss(loss: LogLoss): void;
  onStatus(status: LogStreamStatus): void;
}

/** Opens a provider's live stream for an environment. */
export type OpenLogStream = (env: string, handlers: StreamHandlers) => { stop(): void };

export const DEFAULT_RECENT_LINES = 1000;

interface Shared {
  listeners: Set<LogStreamListener>;
  stream?: { stop(): void };
  status?: LogStreamStatus;
  /** The last lines, for listeners that join later. */
  recent?: RecentLines;
}

export function createSharedLogStreams(open: OpenLogStream, opts: { recentLines?: number } = {}): LogStreams {
  const keep = Math.max(0, opts.recentLines ?? DEFAULT_RECENT_LINES);
  const shared = new Map<string, Shared>();

  const each = (entry: Shared, call: (listener: LogStreamListener) => void) => {
    for (const listener of [...entry.listeners]) {
      try {
        call(listener);
      } catch {
        // one listener's bug must not starve the others
      }
    }
  };

  return {
    follow(env, listener) {
      let entry = shared.get(env);
      if (entry) {
        if (entry.status) listener.onStatus(entry.status);
        const recent = entry.recent?.lines() ?? [];
        if (recent.length > 0) listener.onLines(recent);
        entry.listeners.add(listener);
      } else {
        const created: Shared = { listeners: new Set([listener]) };
        if (keep > 0) created.recent = createRecentLines(keep, 320);
        entry = created;
        shared.set(env, created);
        created.stream = open(env, {
          onLines: (lines) => {
            created.recent?.add(lines);
            each(created, (l) => l.onLines(lines));
          },
          onGap: (gap) => each(created, (l) => l.onGap?.(gap)),
          onLoss: (loss) => each(created, (l) => l.onLoss?.(loss)),
          onStatus: (status) => {
            created.status = status;
            each(created, (l) => l.onStatus(status));
          },
        });
      }
      const mine = entry;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        mine.listeners.delete(listener);
        if (mine.listeners.size > 0 || shared.get(env) !== mine) return;
        shared.delete(env);
        mine.stream?.stop();
      };
    },
  };
}
