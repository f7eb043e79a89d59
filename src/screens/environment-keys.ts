// Keys of the Environments pane and of its dialogs.
import type { Key } from 'ink';
import type { DeckStore } from '../store/create-deck-store.js';
import { selectedEnvironment } from '../store/selectors.js';
import { nextEnvironment, refOptions } from '../store/dialog-slice.js';

/** Keys while a dialog is open; every key is consumed so nothing reaches the panes behind it. */
export function handleDialogKey(input: string, key: Key, store: DeckStore): boolean {
  const s = store.getState();
  const d = s.dialog;
  if (!d) return false;
  if (key.escape) {
    s.closeDialog();
    return true;
  }
  if (d.kind === 'confirm') {
    if (d.target.stage === 'production' || d.guard) {
      if (key.return) s.confirm();
      else if (key.backspace || key.delete) s.typeInDialog('\b');
      else if (input && !key.ctrl && !key.meta) s.typeInDialog(input);
    } else if (input === 'y' || input === 'Y') s.confirm();
    else if (input === 'n' || input === 'N') s.closeDialog();
    return true;
  }
  if (input === 'j' || key.downArrow) s.moveDialog(1);
  else if (input === 'k' || key.upArrow) s.moveDialog(-1);
  else if (d.kind === 'scale' && (input === '+' || input === '-' || /^[0-9]$/.test(input))) {
    const values = d.values.map((v, i) =>
      i !== d.index
        ? v
        : {
            ...v,
            quantity: Math.max(
              0,
              Math.min(10, input === '+' ? v.quantity + 1 : input === '-' ? v.quantity - 1 : Number(input)),
            ),
          },
    );
    s.openDialog({ ...d, values });
  } else if (key.return) {
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
      s.request({
        kind: 'scale',
        env: d.env,
        quantities: Object.fromEntries(d.values.map((v) => [v.type, v.quantity])),
      });
    }
  }
  return true;
}

/** Keys of the focused Environments pane; false when the key is not one of them. */
export function handleEnvironmentsKey(input: string, _key: Key, store: DeckStore): boolean {
  const s = store.getState();
  const env = selectedEnvironment(s);
  if (!env) return false;
  const types = Object.keys(env.formation).filter((t) => t !== 'release');
  const type = types[Math.min(s.formationCursor, types.length - 1)];
  switch (input) {
    case 'd':
      if (env.stage === 'production') {
        const staging = s.environments.find((e) => e.stage === 'staging');
        if (staging) s.request({ kind: 'promote', from: staging.name, to: env.name });
      } else if (env.stage === 'staging') {
        s.request({ kind: 'deploy', env: env.name, ref: s.mainBranch, skipTests: false });
      } else {
        s.openDialog({ kind: 'pick-ref', env: env.name, options: refOptions(s), index: 0 });
      }
      return true;
    case 'p': {
      const next = nextEnvironment(s.environments, env.name);
      if (next) s.request({ kind: 'promote', from: env.name, to: next.name });
      return true;
    }
    case 'R':
      s.openDialog({ kind: 'pick-release', env: env.name, releases: 'loading', index: 0 });
      void s.loadRollbackChoices(env.name);
      return true;
    case 'r':
      s.openDialog({ kind: 'pick-restart', env: env.name, options: ['all', ...types], index: 0 });
      return true;
    case '+':
    case '-':
      if (type)
        s.request({
          kind: 'scale',
          env: env.name,
          quantities: { [type]: Math.max(0, (env.formation[type] ?? 0) + (input === '+' ? 1 : -1)) },
        });
      return true;
    case 's':
      s.openDialog({
        kind: 'scale',
        env: env.name,
        values: types.map((t) => ({ type: t, quantity: env.formation[t] ?? 0 })),
        index: Math.min(s.formationCursor, Math.max(0, types.length - 1)),
      });
      return true;
    case 'm':
      s.request({ kind: 'maintenance', env: env.name, on: !env.maintenance });
      return true;
    case 'l':
      s.tailLogs(env.name);
      s.focusPane('logs');
      return true;
    default:
      if (_key.leftArrow) {
        s.moveFormationCursor(-1, types.length);
        return true;
      }
      if (_key.rightArrow) {
        s.moveFormationCursor(1, types.length);
        return true;
      }
      return false;
  }
}

export const SILENCE_CHOICES = [
  { label: '15 minutes', ms: 15 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '4 hours', ms: 4 * 60 * 60_000 },
  { label: '24 hours', ms: 24 * 60 * 60_000 },
];

/** Keys of the focused Alerts pane. */
export function handleAlertsKey(input: string, _key: Key, store: DeckStore): boolean {
  const s = store.getState();
  const alert = s.alerts[Math.min(s.selection.alerts, s.alerts.length - 1)];
  if (!alert) return false;
  if (input === 'a') {
    s.acknowledgeAlert(alert.id);
    return true;
  }
  if (input === 'x') {
    s.openDialog({
      kind: 'pick-silence',
      alertId: alert.id,
      label: `${alert.rule} on ${alert.env}`,
      options: SILENCE_CHOICES,
      index: 0,
    });
    return true;
  }
  return false;
}
