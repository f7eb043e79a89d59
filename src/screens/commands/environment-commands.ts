// The Environments pane's commands: deploy, promote, scale, restart, rollback,
// maintenance and tailing, on the selected environment.
import type { DeckState } from '../../store/deck-state.js';
import { selectedEnvironment } from '../../store/selectors.js';
import { nextEnvironment, refOptions } from '../../store/dialog-slice.js';
import { readOnlyReason } from '../../store/read-only.js';
import type { EnvironmentSnapshot } from '../../services/ports.js';
import type { Command } from './command.js';

function processTypes(env: EnvironmentSnapshot): string[] {
  return Object.keys(env.formation).filter((t) => t !== 'release');
}

/** Why the selected environment cannot be changed now, or undefined. */
function changeBlocked(state: DeckState, env = selectedEnvironment(state)): string | undefined {
  if (!env) return 'no environment selected';
  const locked = readOnlyReason(state.readOnly, env);
  if (locked) return locked;
  const op = state.operations[env.name];
  if (op?.state === 'running') return `${env.name} is busy: ${op.kind} running`;
  return undefined;
}

function stagingOf(state: DeckState) {
  return state.environments.find((e) => e.stage === 'staging');
}

const selectedName = (state: DeckState) => selectedEnvironment(state)?.name;

export const ENVIRONMENT_COMMANDS: readonly Command[] = [
  {
    id: 'deploy',
    title: 'deploy',
    description: 'deploy: a box picks a branch, staging takes the main branch, production promotes staging',
    keys: ['d'],
    scope: 'environments',
    footer: true,
    changesEnvironment: true,
    target: (s) => {
      const env = selectedEnvironment(s);
      return env?.stage === 'production' ? env.name : env?.name;
    },
    disabledReason(state) {
      const env = selectedEnvironment(state);
      if (env?.stage === 'production') {
        const staging = stagingOf(state);
        if (!staging) return 'production is deployed by promoting staging, and there is no staging';
        if (!staging.release) return 'production is deployed by promoting staging, which has no release yet';
      }
      return changeBlocked(state);
    },
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      if (env.stage === 'production') s.request({ kind: 'promote', from: stagingOf(s)!.name, to: env.name });
      else if (env.stage === 'staging')
        s.request({ kind: 'deploy', env: env.name, ref: s.mainBranch, skipTests: false });
      else s.openDialog({ kind: 'pick-ref', env: env.name, options: refOptions(s), index: 0 });
    },
  },
  {
    id: 'promote',
    title: 'promote',
    description: 'promote the release to the next stage (box → staging → production)',
    keys: ['p'],
    scope: 'environments',
    footer: true,
    changesEnvironment: true,
    target: (s) => {
      const env = selectedEnvironment(s);
      return env ? nextEnvironment(s.environments, env.name)?.name : undefined;
    },
    disabledReason(state) {
      const env = selectedEnvironment(state);
      if (!env) return 'no environment selected';
      if (env.stage === 'production') return 'production is the last stage: there is nothing to promote it to';
      const next = nextEnvironment(state.environments, env.name);
      if (!next) return `${env.name} has no next stage to promote to`;
      if (!env.release) return `${env.name} has no release yet`;
      return changeBlocked(state, next);
    },
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      s.request({ kind: 'promote', from: env.name, to: nextEnvironment(s.environments, env.name)!.name });
    },
  },
  {
    id: 'scale',
    title: 'scale',
    description: 'scale dialog, filled with the current formation (j/k choose, +/- or a digit set, Enter apply)',
    keys: ['s'],
    scope: 'environments',
    footer: true,
    changesEnvironment: true,
    target: selectedName,
    disabledReason: (s) =>
      changeBlocked(s) ?? (processTypes(selectedEnvironment(s)!).length ? undefined : 'no process types yet'),
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      const types = processTypes(env);
      s.openDialog({
        kind: 'scale',
        env: env.name,
        values: types.map((t) => ({ type: t, quantity: env.formation[t] ?? 0 })),
        index: Math.min(s.formationCursor, Math.max(0, types.length - 1)),
      });
    },
  },
  ...(['up', 'down'] as const).map((direction): Command => ({
    id: `scale.${direction}`,
    title: direction === 'up' ? 'one more' : 'one fewer',
    description:
      direction === 'up'
        ? 'one more process of the chosen type (← → choose the type)'
        : 'one process fewer of the chosen type',
    keys: [direction === 'up' ? '+' : '-'],
    scope: 'environments',
    changesEnvironment: true,
    target: selectedName,
    disabledReason(s) {
      const blocked = changeBlocked(s);
      if (blocked) return blocked;
      const env = selectedEnvironment(s)!;
      const type = processTypes(env)[s.formationCursor];
      if (!type) return 'no process types yet';
      if (direction === 'down' && (env.formation[type] ?? 0) === 0) return `${type} is already at 0`;
      return undefined;
    },
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      const type = processTypes(env)[s.formationCursor]!;
      const quantity = Math.max(0, (env.formation[type] ?? 0) + (direction === 'up' ? 1 : -1));
      s.request({ kind: 'scale', env: env.name, quantities: { [type]: quantity } });
    },
  })),
  ...(['previous', 'next'] as const).map((which): Command => ({
    id: `scale.type-${which}`,
    title: `${which} type`,
    description: `choose the ${which} process type for + and -`,
    keys: [which === 'previous' ? 'Left' : 'Right'],
    scope: 'environments',
    disabledReason: (s) => (selectedEnvironment(s) ? undefined : 'no environment selected'),
    run({ store }) {
      const s = store.getState();
      s.moveFormationCursor(which === 'previous' ? -1 : 1, processTypes(selectedEnvironment(s)!).length);
    },
  })),
  {
    id: 'restart',
    title: 'restart',
    description: 'restart every process or one type',
    keys: ['r'],
    scope: 'environments',
    footer: true,
    changesEnvironment: true,
    target: selectedName,
    disabledReason: (s) => changeBlocked(s),
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      s.openDialog({ kind: 'pick-restart', env: env.name, options: ['all', ...processTypes(env)], index: 0 });
    },
  },
  {
    id: 'rollback',
    title: 'rollback',
    description: 'roll back to an earlier release that went live',
    keys: ['R'],
    scope: 'environments',
    footer: true,
    changesEnvironment: true,
    target: selectedName,
    disabledReason: (s) =>
      changeBlocked(s) ??
      (selectedEnvironment(s)!.release ? undefined : `${selectedEnvironment(s)!.name} has no release yet`),
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      s.openDialog({ kind: 'pick-release', env: env.name, releases: 'loading', index: 0 });
      void s.loadRollbackChoices(env.name);
    },
  },
  {
    id: 'maintenance',
    title: 'maintenance',
    description: 'maintenance mode on or off (confirmed like other actions on that stage)',
    keys: ['m'],
    scope: 'environments',
    changesEnvironment: true,
    target: selectedName,
    disabledReason: (s) => changeBlocked(s),
    run({ store }) {
      const s = store.getState();
      const env = selectedEnvironment(s)!;
      s.request({ kind: 'maintenance', env: env.name, on: !env.maintenance });
    },
  },
  {
    id: 'logs.tail',
    title: 'logs',
    description: 'tail this environment in the Logs pane',
    keys: ['l'],
    scope: 'environments',
    footer: true,
    disabledReason: (s) => (selectedEnvironment(s) ? undefined : 'no environment selected'),
    run({ store }) {
      const s = store.getState();
      s.tailLogs(selectedEnvironment(s)!.name);
      s.focusPane('logs');
    },
  },
];
