// GitHub's REST budget for the header, shown only when it runs low: while plenty is left
// it says nothing new and would only take room from the sources' freshness.
import { formatAge } from './format-age.js';

/** Shown below this share of the hourly limit. */
const LOW_SHARE = 0.2;

export function githubBudgetLabel(
  budget: { limit: number; remaining: number; resetAt: number } | undefined,
  now: number,
): string | undefined {
  if (!budget || budget.limit <= 0 || budget.remaining >= budget.limit * LOW_SHARE) return undefined;
  const reset = budget.resetAt > now ? ` (refills in ${formatAge(budget.resetAt - now)})` : '';
  return `GitHub ${budget.remaining.toLocaleString('en-US')}/${budget.limit.toLocaleString('en-US')} left${reset}`;
}
