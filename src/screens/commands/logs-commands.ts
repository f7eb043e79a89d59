// The Logs pane's commands: follow, filter, search, source, wrap and scrolling.
import type { DeckStore } from '../../store/create-deck-store.js';
import type { LogScroll } from '../../store/logs-slice.js';
import type { Command } from './command.js';

function scroll(to: LogScroll) {
  return ({ store }: { store: DeckStore }) => store.getState().scrollLogs(to);
}

const noTarget = (s: { logTarget: string | undefined }) =>
  s.logTarget ? undefined : 'no environment is tailed yet (l in Environments, or :logs <env>)';

export const LOGS_COMMANDS: readonly Command[] = [
  {
    id: 'logs.follow',
    title: 'follow',
    description: 'follow the newest line, or pause',
    keys: ['f'],
    scope: 'logs',
    footer: true,
    run: ({ store }) => store.getState().toggleLogFollow(),
  },
  {
    id: 'logs.filter',
    title: 'filter',
    description: 'filter: show only lines matching a regex (case-insensitive; !re hides them)',
    keys: ['/'],
    scope: 'logs',
    footer: true,
    run: ({ store }) => store.getState().openLogPrompt('filter'),
  },
  {
    id: 'logs.search',
    title: 'search',
    description: 'search: highlight matches and keep every line',
    keys: ['\\'],
    scope: 'logs',
    footer: true,
    run: ({ store }) => store.getState().openLogPrompt('search'),
  },
  {
    id: 'logs.next-match',
    title: 'match',
    description: 'next search match (pauses follow)',
    keys: ['n'],
    scope: 'logs',
    footer: true,
    disabledReason: (s) => (s.logs.search ? undefined : 'no search yet (\\ starts one)'),
    run: ({ store }) => store.getState().nextLogMatch(),
  },
  {
    id: 'logs.previous-match',
    title: 'previous match',
    description: 'previous search match (pauses follow)',
    keys: ['N'],
    scope: 'logs',
    disabledReason: (s) => (s.logs.search ? undefined : 'no search yet (\\ starts one)'),
    run: ({ store }) => store.getState().prevLogMatch(),
  },
  {
    id: 'logs.source',
    title: 'source',
    description: 'source: all, app, router, heroku, web, worker',
    keys: ['s'],
    scope: 'logs',
    footer: true,
    run: ({ store }) => store.getState().cycleLogSource(),
  },
  {
    id: 'logs.wrap',
    title: 'wrap',
    description: 'wrap long lines on or off',
    keys: ['w'],
    scope: 'logs',
    footer: true,
    run: ({ store }) => store.getState().toggleLogWrap(),
  },
  {
    id: 'logs.down',
    title: 'down',
    description: 'scroll a line down (pauses follow; the end resumes it)',
    keys: ['j', 'Down'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll(1),
  },
  {
    id: 'logs.up',
    title: 'up',
    description: 'scroll a line up (pauses follow)',
    keys: ['k', 'Up'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll(-1),
  },
  {
    id: 'logs.page-down',
    title: 'page down',
    description: 'scroll a page down',
    keys: ['PgDn', 'Ctrl+D', 'Ctrl+F'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll('page-down'),
  },
  {
    id: 'logs.page-up',
    title: 'page up',
    description: 'scroll a page up',
    keys: ['PgUp', 'Ctrl+U', 'Ctrl+B'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll('page-up'),
  },
  {
    id: 'logs.first',
    title: 'oldest',
    description: 'oldest retained line',
    keys: ['g', 'Home'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll('first'),
  },
  {
    id: 'logs.last',
    title: 'newest',
    description: 'newest line, and follow again',
    keys: ['G', 'End'],
    scope: 'logs',
    disabledReason: noTarget,
    run: scroll('last'),
  },
  {
    id: 'logs.clear',
    title: 'clear',
    description: 'clear the search, then the filter',
    keys: ['Esc'],
    scope: 'logs',
    disabledReason: (s) => (s.logs.search || s.logs.filter ? undefined : 'no filter or search to clear'),
    run: ({ store }) => {
      // k9s habit: Esc drops what narrows the view, search first, then the filter.
      const s = store.getState();
      if (s.logs.search) s.setLogSearch('');
      else s.setLogFilter('');
    },
  },
];
