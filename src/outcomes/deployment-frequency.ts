// Deployment frequency: releases that went live on the environment in the period. Deploys
// and promotions count; rollbacks are counted apart (they put old code back, not new).
import { inPeriod } from './period.js';
import { isChangeRelease, wentLive, type ClassifiedRelease } from './release-history.js';

export interface DeploymentCounts {
  /** The deployments that went live, oldest first. */
  live: ClassifiedRelease[];
  deploys: number;
  promotions: number;
  rollbacks: number;
}

export function countDeployments(
  history: readonly ClassifiedRelease[],
  period: { from: number; to: number },
): DeploymentCounts {
  const within = history.filter((r) => wentLive(r) && inPeriod(period, r.createdAt));
  const live = within.filter(isChangeRelease);
  return {
    live,
    deploys: live.filter((r) => r.kind === 'deploy').length,
    promotions: live.filter((r) => r.kind === 'promote').length,
    rollbacks: within.filter((r) => r.kind === 'rollback').length,
  };
}
