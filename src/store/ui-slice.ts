// Focus, selection and overlays. Kept in the store (not Ink's focus manager) so keys,
// tests and the panes all agree on where the user is.
import type { StateCreator } from 'zustand/vanilla';
import type { DeckState } from './deck-state.js';

export const PANES = ['tickets', 'environments', 'logs', 'alerts'] as const;
export type PaneId = (typeof PANES)[number];

export type Overlay = { kind: 'none' } | { kind: 'help' } | { kind: 'detail'; pane: PaneId; index: number };

export interface UiSlice {
  focus: PaneId;
  selection: Record<PaneId, number>;
  overlay: Overlay;
  /** Scroll offset inside an open overlay. */
  overlayScroll: number;
  /** Which process type of the selected environment +/- act on (index into its formation). */
  formationCursor: number;
  moveFormationCursor(delta: number, count: number): void;
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
  focusPane: (pane) => set({ focus: pane }),
  focusNext: (step) => {
    const i = PANES.indexOf(get().focus);
    set({ focus: PANES[(i + step + PANES.length) % PANES.length] });
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
