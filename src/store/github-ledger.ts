// The team-wide record of shipping, on GitHub: every deploy, promotion and rollback becomes
// a GitHub deployment for its environment (in_progress, then success or failure with the
// reason), and a promotion to production that went live becomes a GitHub release with the
// shipped pull requests and tickets as notes. GitHub trouble never fails or blocks the
// action itself: it is reported as a line in the action's output.
import { criteriaProgress, type Ticket } from '../domain/ticket.js';
import type { GitHubService } from '../services/github/index.js';
import type { EnvironmentSnapshot } from '../services/ports.js';
import type { BusyEnvironment } from './dialog-slice.js';

export interface LedgerEntry {
  kind: 'deploy' | 'promote' | 'rollback';
  env: Pick<EnvironmentSnapshot, 'name' | 'stage' | 'url'>;
  /** The commit going out (a sha is best; a branch name when the sha is not known yet). */
  ref: string;
  description: string;
}

export interface LedgerOutcome {
  ok: boolean;
  reason?: string;
}

export interface ShippingLedger {
  /** Records the start on GitHub; the function it resolves with records the end. Never rejects. */
  begin(entry: LedgerEntry, line: (text: string) => void): Promise<(outcome: LedgerOutcome) => Promise<void>>;
  /** The GitHub release after a promotion to production went live. Never rejects. */
  release(
    input: { version: number | string; sha: string; previousSha?: string; tickets: readonly Ticket[] },
    line: (text: string) => void,
  ): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createGitHubLedger(github: GitHubService): ShippingLedger {
  return {
    async begin(entry, line) {
      let id: number;
      try {
        const started = await github.deployments.start({
          environment: entry.env.name,
          ref: entry.ref,
          description: entry.description,
          production: entry.env.stage === 'production',
          transient: entry.env.stage === 'review' || entry.env.stage === 'development',
        });
        id = started.id;
      } catch (error) {
        line(`GitHub deployment not recorded: ${message(error)}`);
        return async () => undefined;
      }
      return async (outcome) => {
        try {
          await github.deployments.finish(id, {
            state: outcome.ok ? 'success' : 'failure',
            description: outcome.ok ? `${entry.description}: done` : (outcome.reason ?? 'failed'),
            ...(entry.env.url ? { environmentUrl: entry.env.url } : {}),
          });
        } catch (error) {
          line(`GitHub deployment ${id} not updated: ${message(error)}`);
        }
      };
    },

    async release(input, line) {
      try {
        const shipment = input.previousSha ? await github.compare(input.previousSha, input.sha) : undefined;
        const tickets = (shipment?.closes ?? []).map((n) => {
          const t = input.tickets.find((ticket) => ticket.number === n);
          return t ? { id: t.id, title: t.title, criteria: criteriaProgress(t) } : { id: `#${n}` };
        });
        const outcome = await github.releases.create({ version: input.version, sha: input.sha, shipment, tickets });
        line(outcome.ok ? `GitHub release ${outcome.release.tag} created: ${outcome.release.url}` : outcome.reason);
      } catch (error) {
        line(`GitHub release not created: ${message(error)}`);
      }
    },
  };
}

/** The environment's newest GitHub deployment when it is still in progress: someone (a deck, CI) is shipping to it. */
export function busyEnvironmentOn(github: GitHubService) {
  return async (environment: string): Promise<BusyEnvironment | undefined> => {
    const latest = await github.deployments.latest(environment);
    if (!latest?.inProgress) return undefined;
    return { who: latest.creator, since: latest.since, ref: latest.sha || latest.ref, state: latest.state };
  };
}
