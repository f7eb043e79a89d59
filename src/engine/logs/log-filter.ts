import type { LogLine, LogSource } from '../../logs/log-line.js';

export interface LogFilter {
  source?: LogSource;
  /** Exact 'web.1', or a process type 'web' matching every web.N. */
  dyno?: string;
}

export function matchesFilter(line: Pick<LogLine, 'source' | 'dyno'>, filter: LogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.source && line.source !== filter.source) return false;
  if (filter.dyno && line.dyno !== filter.dyno && !line.dyno.startsWith(`${filter.dyno}.`)) return false;
  return true;
}
