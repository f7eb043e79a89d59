// Whether a pull request may be merged from the deck, and with which of the methods the
// repository allows. The deck merges only what GitHub would show as approved with
// passing (or no) checks; otherwise it says what is missing.
export { mergeBlocker } from '../../domain/merge-blocker.js';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** The repository's allowed method, in the order GitHub's merge button offers them. */
export function allowedMergeMethod(settings: {
  allow_merge_commit?: boolean;
  allow_squash_merge?: boolean;
  allow_rebase_merge?: boolean;
}): MergeMethod | undefined {
  // GitHub leaves these out when the token may not see the settings; then they default to allowed.
  if (settings.allow_merge_commit ?? true) return 'merge';
  if (settings.allow_squash_merge ?? true) return 'squash';
  if (settings.allow_rebase_merge ?? true) return 'rebase';
  return undefined;
}
