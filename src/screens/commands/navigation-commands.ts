// Commands that move around the deck: panes, rows, detail views, help, zoom, the split.
import { paneRowCount } from '../../store/selectors.js';
import { PANES, type PaneId, type Split } from '../../store/ui-slice.js';
import type { Command, CommandContext } from './command.js';

const PANE_TITLES: Record<PaneId, string> = {
  tickets: 'Tickets',
  environments: 'Environments',
  logs: 'Logs',
  alerts: 'Alerts',
};

function focus(pane: PaneId) {
  return ({ store }: CommandContext) => {
    const s = store.getState();
    if (s.overlay.kind !== 'none') s.closeOverlay();
    s.focusPane(pane);
  };
}

function move(to: number | 'first' | 'last' | 'page-down' | 'page-up') {
  return ({ store, pageSize }: CommandContext) => {
    const s = store.getState();
    const step = to === 'page-down' ? pageSize : to === 'page-up' ? -pageSize : to;
    s.moveSelection(step, paneRowCount(s, s.focus));
  };
}

function scroll(to: number | 'first' | 'last' | 'page-down' | 'page-up') {
  return ({ store, pageSize }: CommandContext) => {
    const step = to === 'page-down' ? pageSize : to === 'page-up' ? -pageSize : to;
    store.getState().scrollOverlay(step);
  };
}

export const GLOBAL_COMMANDS: readonly Command[] = [
  {
    id: 'quit',
    title: 'quit',
    description: 'quit (environments keep running)',
    keys: ['q'],
    scope: 'global',
    footer: true,
    run: ({ quit }) => quit(),
  },
  {
    id: 'interrupt',
    title: 'quit',
    description: 'quit, from anywhere (also inside dialogs and prompts)',
    keys: ['Ctrl+C'],
    scope: 'global',
    fixed: true,
    run: ({ quit }) => quit(),
  },
  {
    id: 'help',
    title: 'help',
    description: 'show or hide this list of keys',
    keys: ['?'],
    scope: 'global',
    footer: true,
    run: ({ store }) => store.getState().toggleHelp(),
  },
  {
    id: 'command-line',
    title: 'command',
    description: 'open the command line (:deploy staging, :scale production web=3, :env box-1 …)',
    keys: [':'],
    scope: 'global',
    footer: true,
    run: ({ store }) => store.getState().openCommandLine(),
  },
  {
    id: 'focus.next',
    title: 'pane',
    description: 'focus the next pane',
    keys: ['Tab'],
    scope: 'global',
    footer: true,
    run: ({ store }) => {
      const s = store.getState();
      if (s.overlay.kind !== 'none') s.closeOverlay();
      s.focusNext(1);
    },
  },
  {
    id: 'focus.previous',
    title: 'previous pane',
    description: 'focus the previous pane',
    keys: ['Shift+Tab'],
    scope: 'global',
    run: ({ store }) => {
      const s = store.getState();
      if (s.overlay.kind !== 'none') s.closeOverlay();
      s.focusNext(-1);
    },
  },
  ...PANES.map((pane, i): Command => ({
    id: `focus.${pane}`,
    title: PANE_TITLES[pane],
    description: `focus ${PANE_TITLES[pane]}`,
    keys: [String(i + 1)],
    scope: 'global',
    run: focus(pane),
  })),
  {
    id: 'report',
    title: 'outcomes',
    description: 'the outcomes report: deploy frequency, lead time, change failure rate and time to restore (30 days)',
    keys: ['o'],
    scope: 'global',
    disabledReason: (s) => (s.platform ? undefined : 'no platform is configured, so there are no releases'),
    run: ({ store }) => store.getState().showOutcomeReport(),
  },
  {
    id: 'zoom',
    title: 'zoom',
    description: 'zoom the focused pane to the whole screen, and back',
    keys: ['z'],
    scope: 'global',
    footer: true,
    run: ({ store }) => {
      const s = store.getState();
      if (s.overlay.kind !== 'none') s.closeOverlay();
      s.toggleZoom();
    },
  },
  ...(
    [
      ['layout.wider', '>', "widen the focused pane's left-hand pane (its row's split moves right)", 5, 'column'],
      ['layout.narrower', '<', "narrow the focused pane's left-hand pane (its row's split moves left)", -5, 'column'],
      ['layout.taller', ']', 'give the top row more height', 5, 'row'],
      ['layout.shorter', '[', 'give the bottom row more height', -5, 'row'],
    ] as const
  ).map(([id, key, description, step, axis]): Command => ({
    id,
    title: axis === 'row' ? 'resize rows' : 'resize columns',
    description,
    keys: [key],
    scope: 'global',
    disabledReason: (s) => (s.zoomed ? 'a zoomed pane has the whole screen (z goes back)' : undefined),
    run: ({ store, split }) => {
      const s = store.getState();
      const top = s.focus === 'tickets' || s.focus === 'environments';
      const by: Partial<Split> =
        axis === 'row' ? { topPercent: step } : top ? { topLeftPercent: step } : { bottomLeftPercent: step };
      s.resizeSplit(by, split);
    },
  })),
];

export const LIST_COMMANDS: readonly Command[] = [
  {
    id: 'select.down',
    title: 'move',
    description: 'select the next row',
    keys: ['j', 'Down'],
    scope: 'lists',
    footer: true,
    run: move(1),
  },
  {
    id: 'select.up',
    title: 'up',
    description: 'select the previous row',
    keys: ['k', 'Up'],
    scope: 'lists',
    run: move(-1),
  },
  {
    id: 'select.first',
    title: 'first',
    description: 'select the first row',
    keys: ['g', 'Home'],
    scope: 'lists',
    run: move('first'),
  },
  {
    id: 'select.last',
    title: 'last',
    description: 'select the last row',
    keys: ['G', 'End'],
    scope: 'lists',
    run: move('last'),
  },
  {
    id: 'select.page-down',
    title: 'page down',
    description: 'move down a page',
    keys: ['Ctrl+D', 'PgDn'],
    scope: 'lists',
    run: move('page-down'),
  },
  {
    id: 'select.page-up',
    title: 'page up',
    description: 'move up a page',
    keys: ['Ctrl+U', 'PgUp'],
    scope: 'lists',
    run: move('page-up'),
  },
  {
    id: 'open',
    title: 'open',
    description: 'open the selected row in detail',
    keys: ['Enter'],
    scope: 'lists',
    footer: true,
    disabledReason: (s) => (paneRowCount(s, s.focus) === 0 ? 'nothing to open here yet' : undefined),
    run: ({ store }) => {
      const s = store.getState();
      if (s.focus === 'environments') {
        const env = s.environments[s.selection.environments];
        if (env) void s.loadEnvironmentDetail(env.name);
      }
      s.openDetail(paneRowCount(s, s.focus));
    },
  },
];

export const OVERLAY_COMMANDS: readonly Command[] = [
  {
    id: 'overlay.close',
    title: 'close',
    description: 'close the detail view or this list',
    keys: ['Esc'],
    scope: 'overlay',
    footer: true,
    run: ({ store }) => store.getState().closeOverlay(),
  },
  {
    id: 'overlay.down',
    title: 'scroll',
    description: 'scroll down',
    keys: ['j', 'Down'],
    scope: 'overlay',
    footer: true,
    run: scroll(1),
  },
  {
    id: 'overlay.up',
    title: 'scroll up',
    description: 'scroll up',
    keys: ['k', 'Up'],
    scope: 'overlay',
    run: scroll(-1),
  },
  {
    id: 'overlay.page-down',
    title: 'page down',
    description: 'scroll a page down',
    keys: ['Ctrl+D', 'PgDn', 'Space'],
    scope: 'overlay',
    run: scroll('page-down'),
  },
  {
    id: 'overlay.page-up',
    title: 'page up',
    description: 'scroll a page up',
    keys: ['Ctrl+U', 'PgUp'],
    scope: 'overlay',
    run: scroll('page-up'),
  },
  {
    id: 'overlay.first',
    title: 'top',
    description: 'scroll to the top',
    keys: ['g', 'Home'],
    scope: 'overlay',
    run: scroll('first'),
  },
  {
    id: 'overlay.last',
    title: 'bottom',
    description: 'scroll to the bottom',
    keys: ['G', 'End'],
    scope: 'overlay',
    run: scroll('last'),
  },
];
