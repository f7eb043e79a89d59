// `dynodeck report [--since 30d] [--env production] [--failure-window 24h] [--json]`: how
// fast and how safely the team ships, as DORA measures it, from the environment's releases,
// local git, the alert history and the audit log. Read-only: it never starts the engine.
import type { LoadedConfig } from '../config/load-config.js';
import { connectPlatform } from './platform-connection.js';
import { createMarkdownTicketSource } from '../services/tickets/markdown-ticket-source.js';
import { gatherOutcomeInputs } from '../services/outcomes/gather-outcomes.js';
import { computeOutcomes } from '../outcomes/compute-outcomes.js';
import { parseSince } from '../outcomes/period.js';
import type { OutcomeReport } from '../outcomes/outcome-types.js';
import { formatReport } from '../screens/present/report-text.js';
import { printError, printJson, printLine } from './output.js';

export interface ReportOptions {
  since: string;
  env: string;
  json: boolean;
  failureWindow?: string;
}

const WINDOW = /^(\d+)([hd])$/;

/** "24h" or "2d", from 1 hour to 30 days, in ms; or an error message. */
export function parseFailureWindow(text: string): number | string {
  const match = WINDOW.exec(text.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'd' ? 86_400_000 : 3_600_000) : NaN;
  if (!match || ms < 3_600_000 || ms > 30 * 86_400_000)
    return `--failure-window "${text}": expected hours or days from 1h to 30d, such as 24h or 2d`;
  return ms;
}

/** The report for a period of one environment, or why not (with the exit code the CLI gives). */
export async function loadOutcomeReport(
  loaded: LoadedConfig,
  opts: Omit<ReportOptions, 'json'>,
  now = Date.now(),
): Promise<{ ok: true; report: OutcomeReport } | { ok: false; message: string; code: number }> {
  const fail = (message: string, code: number) => ({ ok: false as const, message, code });
  const since = parseSince(opts.since, now);
  if (!since.ok) return fail(since.error, 2);
  const failureWindowMs = opts.failureWindow === undefined ? undefined : parseFailureWindow(opts.failureWindow);
  if (typeof failureWindowMs === 'string') return fail(failureWindowMs, 2);
  const platform = connectPlatform(loaded, { start: false });
  if (!platform)
    return fail(
      `${loaded.file ?? 'dynodeck.yml'} has no "platform:" section, so there are no releases to report on`,
      2,
    );

  const notes: string[] = [];
  const tickets = await createMarkdownTicketSource({ root: loaded.root, dir: loaded.config.tickets.dir })
    .load()
    .then((l) => l.tickets)
    .catch((error: unknown) => {
      notes.push(`tickets could not be read: ${(error as Error).message}`);
      return [];
    });
  try {
    const inputs = await gatherOutcomeInputs({
      platform,
      env: opts.env,
      period: { from: since.from, to: now },
      root: loaded.root,
      mainBranch: loaded.config.git.mainBranch,
      tickets,
      notes,
      ...(failureWindowMs !== undefined ? { failureWindowMs } : {}),
    });
    return { ok: true, report: computeOutcomes(inputs) };
  } catch (error) {
    const message = (error as Error).message;
    return fail(`cannot read the releases of ${opts.env}: ${message}`, /no environment named/.test(message) ? 2 : 1);
  }
}

export async function reportCommand(loaded: LoadedConfig, opts: ReportOptions, now = Date.now()): Promise<number> {
  const result = await loadOutcomeReport(loaded, opts, now);
  if (!result.ok) {
    printError(`dynodeck: ${result.message}`);
    return result.code;
  }
  if (opts.json) printJson(result.report);
  else printLine(formatReport(result.report));
  return 0;
}
