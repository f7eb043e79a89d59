// The Node version dynodeck needs, checked by the launcher before it loads the bundle:
// on an older Node the bundle (ink 7) would fail with an error that says nothing about it.
// Plain JavaScript that any Node parses.
export const NEEDED_NODE_MAJOR = 22;

/** What to tell the user when this Node is too old, or undefined when it will do. */
export function nodeVersionProblem(version) {
  const major = Number(String(version).split('.')[0]);
  if (major >= NEEDED_NODE_MAJOR) return undefined;
  return (
    `dynodeck needs Node ≥ ${NEEDED_NODE_MAJOR} (you have ${version}). ` +
    `Install Node ${NEEDED_NODE_MAJOR} or newer (nvm, your package manager, or npm itself: ` +
    `npm install --prefix ~/.cache/node22 node@22, then put ~/.cache/node22/node_modules/.bin first on PATH) ` +
    'and run dynodeck again.'
  );
}
