// What a deploy or promotion would ship, for its confirmation, the environment detail and
// `--dry-run`: the commits between the target's commit and the source's (GitHub's compare
// when GitHub is configured, else local git), the pull requests they came from with what
// is wrong with them, and the tickets they carry with their criteria progress.
import { criteriaProgress } from '../domain/ticket.js';
import { pullRequestsOfTicket } from '../domain/ticket-pull-requests.js';
import type { GitHubService } from '../services/github/index.js';
import type { Shipment as GitShipment } from '../services/git/shipping.js';
import type { DeckState } from './deck-state.js';
import { GATE_NONE, type Preflight } from './dialog-slice.js';

export interface PreflightDeps {
  root: string;
  ships?: (opts: { repo: string; from?: string; to: string }) => Promise<GitShipment>;
  github?: GitHubService;
  gateCommand?: string;
  get: () => DeckState;
}

const SHOWN_COMMITS = 8;

export function createPreflight(
  deps: PreflightDeps,
): ((from: string | undefined, to: string) => Promise<Preflight>) | undefined {
  const { ships, github } = deps;
  if (!ships && !github) return undefined;
  const gate = deps.gateCommand ? `the test gate runs first: ${deps.gateCommand}` : GATE_NONE;

  async function fromGitHub(from: string, to: string): Promise<Preflight> {
    const shipment = await github!.compare(from, to);
    const shipped = shipment.pullRequests.map((p) => p.pullRequest);
    const s = deps.get();
    const commits = [...shipment.commits].reverse();
    return {
      commits: commits.slice(0, SHOWN_COMMITS).map((c) => ({ sha: c.sha, subject: c.subject, author: c.author })),
      total: Math.max(shipment.aheadBy, commits.length),
      truncated: shipment.truncated,
      pullRequests: shipment.pullRequests.map((p) => ({
        number: p.pullRequest.number,
        title: p.pullRequest.title,
        flags: p.flags,
      })),
      tickets: s.tickets
        .filter(
          (t) =>
            (t.number !== undefined && shipment.closes.includes(t.number)) ||
            pullRequestsOfTicket(t, shipped).length > 0,
        )
        .map((t) => ({ id: t.id, title: t.title, criteria: criteriaProgress(t) })),
      gate,
      source: 'github',
    };
  }

  async function fromGit(from: string | undefined, to: string): Promise<Preflight> {
    const shipment = await ships!({ repo: deps.root, from, to });
    const shas = new Set(shipment.commits.map((c) => c.sha));
    const s = deps.get();
    const tickets = s.tickets
      .filter((t) => t.branch && shas.has(s.branches[t.branch]?.lastCommit?.sha ?? ''))
      .map((t) => ({ id: t.id, title: t.title, criteria: criteriaProgress(t) }));
    return {
      commits: shipment.commits.slice(0, SHOWN_COMMITS),
      total: shipment.commits.length,
      truncated: shipment.truncated,
      tickets,
      gate,
    };
  }

  return async (from, to) => {
    if (github && from) {
      try {
        return await fromGitHub(from, to);
      } catch (error) {
        // A commit GitHub does not have yet (not pushed) or GitHub unreachable: local git knows.
        if (!ships) throw error;
      }
    }
    return fromGit(from, to);
  };
}
