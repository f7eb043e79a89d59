// GitHub deployments as the team's ledger of deploys, promotions and rollbacks: one per
// action (auto_merge off and no required contexts, so GitHub records it as asked and
// never merges or refuses on its own), with in_progress then success or failure. There
// is no lock on GitHub: an environment is busy while its newest deployment's latest
// status is queued, pending or in_progress (or it has no status yet).
import { sanitizeLine } from '../../logs/sanitize.js';
import { GitHubProblem } from './github-errors.js';
import type { GitHubOctokit } from './github-client.js';
import type { RepoRef } from './repo-ref.js';

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface DeploymentActivity {
  id: number;
  environment: string;
  ref: string;
  sha: string;
  /** Who created it (a person's login, or a bot's). */
  creator: string;
  /** Epoch ms. */
  createdAt: number;
  description?: string;
  /** The latest status ("pending" when it has none yet). */
  state: DeploymentState;
  /** Epoch ms of the latest status (or of the deployment). */
  since: number;
  /** Who set the latest status. */
  updatedBy: string;
  logUrl?: string;
  /** The latest status is queued, pending or in_progress. */
  inProgress: boolean;
}

export interface StartDeployment {
  environment: string;
  /** The commit (a full sha is best: it is what GitHub records). */
  ref: string;
  description: string;
  /** Feature boxes: GitHub may treat them as transient environments. */
  transient?: boolean;
  production?: boolean;
  logUrl?: string;
}

export interface FinishDeployment {
  state: 'success' | 'failure' | 'error' | 'inactive';
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
}

const BUSY = new Set<DeploymentState>(['queued', 'pending', 'in_progress']);

export function createDeployments(opts: { octokit: GitHubOctokit; repo: RepoRef }) {
  const { octokit, repo } = opts;
  const where = { owner: repo.owner, repo: repo.name };

  async function start(input: StartDeployment): Promise<DeploymentActivity> {
    const created = await octokit.request('POST /repos/{owner}/{repo}/deployments', {
      ...where,
      ref: input.ref,
      environment: input.environment,
      description: short(input.description),
      auto_merge: false,
      required_contexts: [],
      task: 'deploy',
      production_environment: input.production ?? input.environment === 'production',
      transient_environment: input.transient ?? false,
    });
    if (created.status !== 201 || !('id' in created.data)) {
      const message = 'message' in created.data ? String(created.data.message) : `status ${created.status}`;
      throw new GitHubProblem('request', `GitHub did not record the deployment: ${sanitizeLine(message)}`);
    }
    const id = Number(created.data.id);
    await setStatus(id, { state: 'in_progress', description: input.description, logUrl: input.logUrl });
    return activity(created.data, {
      state: 'in_progress',
      created_at: created.data.created_at,
      creator: created.data.creator,
    });
  }

  async function setStatus(
    id: number,
    status: FinishDeployment | { state: 'in_progress'; description?: string; logUrl?: string },
  ) {
    await octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...where,
      deployment_id: id,
      state: status.state,
      ...(status.description ? { description: short(status.description) } : {}),
      ...(status.logUrl ? { log_url: status.logUrl } : {}),
      ...('environmentUrl' in status && status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
    });
  }

  async function latest(environment: string): Promise<DeploymentActivity | undefined> {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/deployments', {
      ...where,
      environment,
      per_page: 1,
    });
    const newest = data[0];
    if (!newest) return undefined;
    const statuses = await octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...where,
      deployment_id: Number(newest.id),
      per_page: 1,
    });
    return activity(newest, statuses.data[0]);
  }

  async function recent(environment: string, count = 5): Promise<DeploymentActivity[]> {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/deployments', {
      ...where,
      environment,
      per_page: Math.min(100, count),
    });
    return Promise.all(
      data.map(async (d) => {
        const statuses = await octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
          ...where,
          deployment_id: Number(d.id),
          per_page: 1,
        });
        return activity(d, statuses.data[0]);
      }),
    );
  }

  return {
    start,
    finish: (id: number, outcome: FinishDeployment) => setStatus(id, outcome),
    latest,
    recent,
  };
}

interface DeploymentJson {
  id: number | bigint;
  environment: string;
  ref: string;
  sha: string;
  creator: { login: string } | null;
  created_at: string;
  description: string | null;
}

interface StatusJson {
  state: string;
  created_at: string;
  creator: { login: string } | null;
  log_url?: string;
  target_url?: string;
}

function activity(d: DeploymentJson, status: StatusJson | undefined): DeploymentActivity {
  const state = (status?.state ?? 'pending') as DeploymentState;
  const logUrl = status?.log_url || status?.target_url || undefined;
  const creator = sanitizeLine(d.creator?.login ?? 'someone');
  return {
    id: Number(d.id),
    environment: sanitizeLine(d.environment),
    ref: sanitizeLine(d.ref),
    sha: d.sha,
    creator,
    createdAt: Date.parse(d.created_at),
    ...(d.description ? { description: sanitizeLine(d.description) } : {}),
    state,
    since: Date.parse(status?.created_at ?? d.created_at),
    updatedBy: sanitizeLine(status?.creator?.login ?? creator),
    ...(logUrl ? { logUrl } : {}),
    inProgress: BUSY.has(state),
  };
}

/** GitHub refuses descriptions over 140 characters. */
function short(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
