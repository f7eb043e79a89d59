// Keys inside a dialog: choose, confirm with the care the stage asks for, or cancel.
// Nothing reaches the panes behind an open dialog.
import type { DeckState } from '../../store/deck-state.js';
import { confirmWord, type Dialog } from '../../store/dialog-slice.js';
import type { Command, CommandContext } from './command.js';

/** A confirmation that wants a word typed (production's name, or "override"). */
export function typingConfirm(dialog: Dialog | undefined): boolean {
  return dialog?.kind === 'confirm' && confirmWord(dialog) !== undefined;
}

const CHECKING = 'checking GitHub for another deployment in progress…';
const checkingGitHub = (d: Dialog | undefined) => d?.kind === 'confirm' && d.busy === 'checking';
const isYesNo = (d: Dialog | undefined) => (d?.kind === 'confirm' && !typingConfirm(d)) || d?.kind === 'confirm-merge';
const isList = (d: Dialog | undefined) => d !== undefined && d.kind !== 'confirm' && d.kind !== 'confirm-merge';

function setQuantity(ctx: CommandContext, change: (quantity: number) => number) {
  const s = ctx.store.getState();
  const d = s.dialog;
  if (d?.kind !== 'scale') return;
  const values = d.values.map((v, i) =>
    i === d.index ? { ...v, quantity: Math.max(0, Math.min(10, change(v.quantity))) } : v,
  );
  s.openDialog({ ...d, values });
}

function choose({ store }: CommandContext) {
  const s = store.getState();
  const d = s.dialog;
  if (!d) return;
  if (d.kind === 'confirm' || d.kind === 'confirm-merge') return s.confirm();
  if (d.kind === 'pick-ref') {
    const option = d.options[d.index];
    if (option) s.request({ kind: 'deploy', env: d.env, ref: option.ref, skipTests: false });
  } else if (d.kind === 'pick-release' && Array.isArray(d.releases)) {
    const release = d.releases[d.index];
    if (release) s.request({ kind: 'rollback', env: d.env, release: `v${release.version}` });
  } else if (d.kind === 'pick-restart') {
    const option = d.options[d.index];
    s.request({ kind: 'restart', env: d.env, target: option === 'all' ? undefined : option });
  } else if (d.kind === 'pick-silence') {
    const option = d.options[d.index];
    if (option) s.silenceAlert(d.alertId, option.ms);
    s.closeDialog();
  } else if (d.kind === 'scale') {
    s.request({ kind: 'scale', env: d.env, quantities: Object.fromEntries(d.values.map((v) => [v.type, v.quantity])) });
  }
}

const notScale = (s: DeckState) => (s.dialog?.kind === 'scale' ? undefined : 'only the scale dialog takes counts');

export const DIALOG_COMMANDS: readonly Command[] = [
  {
    id: 'dialog.cancel',
    title: 'cancel',
    description: 'close the dialog without doing anything',
    keys: ['Esc'],
    scope: 'dialog',
    footer: true,
    run: ({ store }) => store.getState().closeDialog(),
  },
  {
    id: 'dialog.yes',
    title: 'go ahead',
    description: 'confirm an action on staging, or a merge',
    keys: ['y', 'Y'],
    scope: 'dialog',
    footer: true,
    disabledReason: (s) =>
      !isYesNo(s.dialog) ? 'nothing to say yes to here' : checkingGitHub(s.dialog) ? CHECKING : undefined,
    run: ({ store }) => store.getState().confirm(),
  },
  {
    id: 'dialog.no',
    title: 'cancel',
    description: 'decline an action on staging',
    keys: ['n', 'N'],
    scope: 'dialog',
    disabledReason: (s) => (isYesNo(s.dialog) ? undefined : 'nothing to say no to here'),
    run: ({ store }) => store.getState().closeDialog(),
  },
  {
    id: 'dialog.choose',
    title: 'choose',
    description: 'choose the selected entry; on production, confirm once its name is typed',
    keys: ['Enter'],
    scope: 'dialog',
    footer: true,
    disabledReason(s) {
      const d = s.dialog;
      if (isYesNo(d)) return 'press y to go ahead or n to cancel';
      if (checkingGitHub(d)) return CHECKING;
      if (d?.kind === 'confirm') {
        const expected = confirmWord(d);
        if (expected !== undefined && d.typed.trim() !== expected) return `type "${expected}" to confirm`;
      }
      if (d?.kind === 'pick-release' && !Array.isArray(d.releases)) return 'the releases are still loading';
      return undefined;
    },
    run: choose,
  },
  {
    id: 'dialog.down',
    title: 'move',
    description: 'select the next entry',
    keys: ['j', 'Down'],
    scope: 'dialog',
    disabledReason: (s) => (isList(s.dialog) ? undefined : 'nothing to move through'),
    run: ({ store }) => store.getState().moveDialog(1),
  },
  {
    id: 'dialog.up',
    title: 'move up',
    description: 'select the previous entry',
    keys: ['k', 'Up'],
    scope: 'dialog',
    disabledReason: (s) => (isList(s.dialog) ? undefined : 'nothing to move through'),
    run: ({ store }) => store.getState().moveDialog(-1),
  },
  {
    id: 'dialog.first',
    title: 'first',
    description: 'select the first entry',
    keys: ['g', 'Home'],
    scope: 'dialog',
    disabledReason: (s) => (isList(s.dialog) ? undefined : 'nothing to move through'),
    run: ({ store }) => store.getState().moveDialog(-Number.MAX_SAFE_INTEGER),
  },
  {
    id: 'dialog.last',
    title: 'last',
    description: 'select the last entry',
    keys: ['G', 'End'],
    scope: 'dialog',
    disabledReason: (s) => (isList(s.dialog) ? undefined : 'nothing to move through'),
    run: ({ store }) => store.getState().moveDialog(Number.MAX_SAFE_INTEGER),
  },
  {
    id: 'dialog.more',
    title: 'more',
    description: 'scale dialog: one more of the selected type',
    keys: ['+'],
    scope: 'dialog',
    disabledReason: notScale,
    run: (ctx) => setQuantity(ctx, (q) => q + 1),
  },
  {
    id: 'dialog.fewer',
    title: 'fewer',
    description: 'scale dialog: one fewer of the selected type',
    keys: ['-'],
    scope: 'dialog',
    disabledReason: notScale,
    run: (ctx) => setQuantity(ctx, (q) => q - 1),
  },
  {
    id: 'dialog.count',
    title: 'count',
    description: 'scale dialog: set the selected type to this count',
    keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    scope: 'dialog',
    disabledReason: notScale,
    run: (ctx) => setQuantity(ctx, () => Number(ctx.key)),
  },
  {
    id: 'dialog.erase',
    title: 'erase',
    description: 'erase the last character typed',
    keys: ['Backspace'],
    scope: 'dialog',
    disabledReason: (s) => (typingConfirm(s.dialog) ? undefined : 'nothing typed here'),
    run: ({ store }) => store.getState().typeInDialog('\b'),
  },
];
