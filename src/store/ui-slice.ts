// Focus, selection and overlays. Kept in the store (not Ink's focus manager) so keys,
// tests and the panes all agree on where the user is.
import type { StateCreator } from 'zustand/vanilla';
import type { DeckState } from './deck-state.js';

export const PANES = ['tickets', 'environments', 'logs', 'alerts'] as const;
export type PaneId = (typeof PANES)[number];

export type Overlay =
  { kind: 'none' } | { kind: 'help' } | { kind: 'report' } | { kind: 'detail'; pane: PaneId; index: number };

/** One line for the footer: why a key did nothing, what a `:` command did. */
export interface DeckMessage {
  text: string;
  tone: 'info' | 'warning' | 'error';
}

/** How the body is split, in percent: the top row's share of the height, and each row's left pane's share of its width. */
export interface Split {
  topPercent: number;
  topLeftPercent: number;
  bottomLeftPercent: number;
}

export const SPLIT_LIMITS = { min: 25, max: 75, step: 5 } as const;

export interface UiSlice {
  focus: PaneId;
  selection: Record<PaneId, number>;
  overlay: Overlay;
  /** Scroll offset inside an open overlay. */
  overlayScroll: number;
  /** Which process type of the selected environment +/- act on (index into its formation). */
  formationCursor: number;
  moveFormationCursor(delta: number, count: number): void;
  message?: DeckMessage;
  showMessage(text: string, tone?: DeckMessage['tone']): void;
  clearMessage(): void;
  /** The pane drawn over the whole body, when one is zoomed. */
  zoomed?: PaneId;
  toggleZoom(): void;
  /** Undefined until the user resizes: the layout then gives rows and columns to the panes with content. */
  split?: Split;
  /**
   * Moves the split by `by` percent, within limits, from the last resize or else `from` (the
   * layout in use): keys pressed faster than the screen is drawn each count.
   */
  resizeSplit(by: Partial<Split>, from: Split): void;
  focusPane(pane: PaneId): void;
  focusNext(step: 1 | -1): void;
  /** Moves the focused pane's selection; `count` is how many rows the pane has. */
  moveSelection(to: number | 'first' | 'last', count: number): void;
  openDetail(count: number): void;
  toggleHelp(): void;
  closeOverlay(): void;
  scrollOverlay(delta: number | 'first' | 'last'): void;
}

export const createUiSlice: StateCreator<DeckState, [], [], UiSlice> = (set, get) => ({
  focus: 'tickets',
  selection: { tickets: 0, environments: 0, logs: 0, alerts: 0 },
  overlay: { kind: 'none' },
  overlayScroll: 0,
  formationCursor: 0,
  moveFormationCursor: (delta, count) => {
    if (count <= 0) return;
    set({ formationCursor: (((get().formationCursor + delta) % count) + count) % count });
  },
  message: undefined,
  showMessage: (text, tone = 'info') => set({ message: { text, tone } }),
  clearMessage: () => {
    if (get().message) set({ message: undefined });
  },
  zoomed: undefined,
  toggleZoom: () => set({ zoomed: get().zoomed ? undefined : get().focus }),
  split: undefined,
  resizeSplit: (by, from) => {
    const clamp = (n: number) => Math.max(SPLIT_LIMITS.min, Math.min(SPLIT_LIMITS.max, Math.round(n)));
    const current = get().split ?? from;
    set({
      split: {
        topPercent: clamp(current.topPercent + (by.topPercent ?? 0)),
        topLeftPercent: clamp(current.topLeftPercent + (by.topLeftPercent ?? 0)),
        bottomLeftPercent: clamp(current.bottomLeftPercent + (by.bottomLeftPercent ?? 0)),
      },
    });
  },
  focusPane: (pane) => set({ focus: pane, zoomed: get().zoomed ? pane : undefined }),
  focusNext: (step) => {
    const i = PANES.indexOf(get().focus);
    const focus = PANES[(i + step + PANES.length) % PANES.length]!;
    set({ focus, zoomed: get().zoomed ? focus : undefined });
  },
  moveSelection: (to, count) => {
    const { focus, selection } = get();
    const current = selection[focus];
    const target = to === 'first' ? 0 : to === 'last' ? count - 1 : current + to;
    const next = Math.max(0, Math.min(count - 1, target));
    if (next !== current && count > 0) set({ selection: { ...selection, [focus]: next } });
  },
  openDetail: (count) => {
    const { focus, selection } = get();
    if (count === 0) return;
    set({ overlay: { kind: 'detail', pane: focus, index: Math.min(selection[focus], count - 1) }, overlayScroll: 0 });
  },
  toggleHelp: () =>
    set({ overlay: get().overlay.kind === 'help' ? { kind: 'none' } : { kind: 'help' }, overlayScroll: 0 }),
  closeOverlay: () => set({ overlay: { kind: 'none' }, overlayScroll: 0 }),
  scrollOverlay: (delta) => {
    const current = get().overlayScroll;
    const next = delta === 'first' ? 0 : delta === 'last' ? Number.MAX_SAFE_INTEGER : Math.max(0, current + delta);
    if (next !== current) set({ overlayScroll: next });
  },
});
