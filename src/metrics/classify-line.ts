// A full log line → the events the metrics read from it.
import { parseLogLine } from '../logs/log-line.js';
import { parseRouterLine } from './parse-router-line.js';
import { parsePlatformEvents } from './parse-platform-line.js';
import type { PlatformEvent, RouterEvent } from './types.js';

export function eventsFromLogLine(text: string): Array<RouterEvent | PlatformEvent> {
  if (typeof text !== 'string' || !mayCarryEvents(text)) return [];
  const line = parseLogLine(text.replace(/\r?\n$/, ''));
  if (!line) return [];
  if (line.source === 'heroku') {
    if (line.dyno === 'router') {
      const event = parseRouterLine(line.text, line.time);
      return event ? [event] : [];
    }
    return parsePlatformEvents(line.dyno, line.text, line.time);
  }
  // The only app-side line that matters: the API's own release notices.
  if (line.dyno === 'api') return parsePlatformEvents(line.dyno, line.text, line.time);
  return [];
}

/**
 * Whether a line can hold an event at all: only `heroku[...]` and `app[api]` lines do. The
 * health watcher reads every line of every environment, nearly all of them app output, so
 * those are turned away here without parsing their timestamp.
 */
export function mayCarryEvents(text: string): boolean {
  const space = text.indexOf(' ');
  if (space < 0) return false;
  return text.startsWith('heroku[', space + 1) || text.startsWith('app[api]', space + 1);
}
