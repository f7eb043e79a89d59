// Dialogs on the Environments pane: choose what to deploy, a release to roll back to,
// what to restart, a formation; then confirm with the care the stage asks for
// (a box acts at once unless someone else is deploying there, staging asks y/n, production
// wants its name typed).
import type { StateCreator } from 'zustand/vanilla';
import type { EnvironmentSnapshot, ReleaseSummary } from '../services/ports.js';
import type { DeckState } from './deck-state.js';
import { nextEnvironment } from './actions-slice.js';
import type { DeploymentActivity, ReleaseEntry } from '../services/github/index.js';

export type PendingAction =
  | { kind: 'deploy'; env: string; ref: string; skipTests: boolean }
  | { kind: 'promote'; from: string; to: string }
  | { kind: 'scale'; env: string; quantities: Record<string, number> }
  | { kind: 'restart'; env: string; target?: string }
  | { kind: 'rollback'; env: string; release: string }
  | { kind: 'maintenance'; env: string; on: boolean };

export interface Preflight {
  commits: Array<{ sha: string; subject: string; author: string }>;
  total: number;
  truncated: boolean;
  /** With GitHub: the pull requests the commits came from; `flags` say what is wrong ("changes requested"). */
  pullRequests?: Array<{ number: number; title: string; flags: string[] }>;
  tickets: Array<{ id: string; title: string; criteria?: { done: number; total: number } }>;
  gate: string;
  /** Where the list came from: GitHub's compare, or local git when left out. */
  source?: 'github';
  /** A deployment to the target still in progress on GitHub (someone else's deck, or CI). */
  busy?: BusyEnvironment;
}

export interface BusyEnvironment {
  who: string;
  /** Epoch ms of its latest status. */
  since: number;
  ref: string;
  state: string;
}

export type Dialog =
  | { kind: 'pick-ref'; env: string; options: Array<{ ref: string; label: string }>; index: number }
  | { kind: 'pick-release'; env: string; releases: ReleaseSummary[] | 'loading' | { error: string }; index: number }
  | { kind: 'pick-restart'; env: string; options: string[]; index: number }
  | { kind: 'scale'; env: string; values: Array<{ type: string; quantity: number }>; index: number }
  | {
      kind: 'pick-silence';
      alertId: string;
      label: string;
      options: Array<{ label: string; ms: number }>;
      index: number;
    }
  | {
      /** Merging a ticket's pull request on GitHub, confirmed y/n like a staging action. */
      kind: 'confirm-merge';
      ticket: string;
      /** GitHub's pull request; without GitHub, `branch` is merged into the main branch locally. */
      pullRequest?: number;
      branch?: string;
      title: string;
    }
  | {
      kind: 'confirm';
      action: PendingAction;
      target: EnvironmentSnapshot;
      typed: string;
      preflight?: Preflight | 'loading' | { error: string };
      /** Critical alerts firing on staging or production: the user must type "override". */
      guard?: string[];
      /**
       * The check for someone else's GitHub deployment to the target: 'checking' until GitHub
       * answers (deploys and promotions then carry the answer in their preflight).
       */
      busy?: BusyEnvironment | 'checking';
    };

export interface DialogDeps {
  /** Commits and tickets that `ref` would bring to an environment running `from`. */
  preflight?: (from: string | undefined, to: string) => Promise<Preflight>;
  gateDescription: string;
  releases?: (env: string, count: number) => Promise<ReleaseSummary[]>;
  configVarNames?: (env: string) => Promise<string[]>;
  /** Recent GitHub releases (the production detail) and an environment's recent GitHub deployments. */
  githubReleases?: (count: number) => Promise<ReleaseEntry[]>;
  githubDeployments?: (env: string, count: number) => Promise<DeploymentActivity[]>;
  /** The target's GitHub deployment in progress, if any (read before acting). */
  busyEnvironment?: (env: string) => Promise<BusyEnvironment | undefined>;
}

export interface EnvironmentDetail {
  env: string;
  releases?: ReleaseSummary[];
  configVarNames?: string[];
  /** What this environment has that the next stage does not. */
  waiting?: Preflight;
  error?: string;
  /** With GitHub: the environment's recent deployments (the team's ledger), and recent releases for production. */
  githubDeployments?: DeploymentActivity[] | { error: string };
  githubReleases?: ReleaseEntry[] | { error: string };
}

export interface DialogSlice {
  dialog?: Dialog;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  moveDialog(delta: number): void;
  typeInDialog(text: string): void;
  /** Asks for confirmation as the target's stage requires, or runs at once on a box. */
  request(action: PendingAction): void;
  /** What a deploy or promotion would ship (and who else is deploying there), without doing it. */
  previewShipment(action: PendingAction): Promise<Preflight | undefined>;
  confirm(): void;
  /** Fills an open rollback dialog with the earlier releases that went live. */
  loadRollbackChoices(env: string): Promise<void>;
  environmentDetail?: EnvironmentDetail;
  /** Reads releases, config var names and what waits to ship for the detail view. */
  loadEnvironmentDetail(env: string): Promise<void>;
}

export function describeAction(a: PendingAction): string {
  switch (a.kind) {
    case 'deploy':
      return `deploy ${a.ref} to ${a.env}${a.skipTests ? ' without the test gate' : ''}`;
    case 'promote':
      return `promote ${a.from} to ${a.to}`;
    case 'scale':
      return `scale ${a.env} to ${Object.entries(a.quantities)
        .map(([t, q]) => `${t}=${q}`)
        .join(' ')}`;
    case 'restart':
      return `restart ${a.target ?? 'every process'} on ${a.env}`;
    case 'rollback':
      return `roll ${a.env} back to ${a.release}`;
    case 'maintenance':
      return `turn maintenance mode ${a.on ? 'on' : 'off'} for ${a.env}${a.on ? ' (visitors get a maintenance page)' : ''}`;
  }
}

function targetOf(a: PendingAction): string {
  return a.kind === 'promote' ? a.to : a.env;
}

export const createDialogSlice =
  (deps: DialogDeps): StateCreator<DeckState, [], [], DialogSlice> =>
  (set, get) => {
    const run = (a: PendingAction, override = false, force = false) => {
      const s = get();
      const done = (() => {
        switch (a.kind) {
          case 'deploy':
            return s.deployEnvironment(a.env, { ref: a.ref, skipTests: a.skipTests, override, force });
          case 'promote':
            return s.promoteEnvironment(a.from, a.to, { override, force });
          case 'scale':
            return s.scaleEnvironment(a.env, a.quantities);
          case 'restart':
            return s.restartEnvironment(a.env, a.target);
          case 'rollback':
            return s.rollbackEnvironment(a.env, a.release, { force });
          case 'maintenance':
            return s.setMaintenanceMode(a.env, a.on);
        }
      })();
      void done.catch(() => undefined);
    };

    /** What the action would ship, or undefined when there is nothing to tell (no preflight, no commit). */
    const previewShipment = async (a: PendingAction): Promise<Preflight | undefined> => {
      if (!deps.preflight || (a.kind !== 'deploy' && a.kind !== 'promote')) return undefined;
      const target = get().environments.find((e) => e.name === targetOf(a));
      const to = a.kind === 'deploy' ? a.ref : get().environments.find((e) => e.name === a.from)?.release?.commit;
      if (!to || !target) return undefined;
      const busy = deps.busyEnvironment?.(target.name).catch(() => undefined);
      const [found, busyWith] = await Promise.all([deps.preflight(target.release?.commit, to), busy]);
      // A promotion copies a built release: no build, and no test gate either.
      return {
        ...found,
        ...(a.kind === 'promote' ? { gate: `promotion copies ${a.from}'s release: no build, no test gate` } : {}),
        ...(busyWith ? { busy: busyWith } : {}),
      };
    };

    /**
     * The preflight of a deploy or promotion, which also says who else is deploying there on
     * GitHub: until it answers (GitHub's requests have time limits) the dialog cannot be
     * confirmed, so a quick `y` never skips that check.
     */
    const loadPreflight = (a: PendingAction, env: string) => {
      const settle = (change: Partial<Extract<Dialog, { kind: 'confirm' }>>) => {
        const d = get().dialog;
        if (d?.kind !== 'confirm' || d.action !== a) return;
        const { busy: _checking, ...rest } = d;
        set({ dialog: { ...rest, ...change } });
      };
      void previewShipment(a).then(
        (preflight) => {
          if (preflight) return settle({ preflight });
          // Nothing to compare (no release to start from): the GitHub check still happens.
          settle({ preflight: undefined, ...(deps.busyEnvironment ? { busy: 'checking' as const } : {}) });
          if (deps.busyEnvironment) loadBusy(a, env);
        },
        (error: unknown) => settle({ preflight: { error: (error as Error).message } }),
      );
    };

    /** Who else is deploying to the target on GitHub, for a rollback's confirmation; GitHub trouble does not hold it up. */
    const loadBusy = (a: PendingAction, env: string) => {
      void deps.busyEnvironment!(env)
        .catch(() => undefined)
        .then((busy) => {
          const d = get().dialog;
          if (d?.kind !== 'confirm' || d.action !== a) return;
          const { busy: _checking, ...rest } = d;
          set({ dialog: busy ? { ...rest, busy } : rest });
        });
    };

    /**
     * A box acts at once, unless GitHub shows someone else deploying there (as the command line
     * checks too): then it asks like staging, wanting "force". Until GitHub answers, the dialog
     * says it is checking, so a second key cannot start the action twice.
     */
    const requestOnBox = (action: PendingAction, target: EnvironmentSnapshot) => {
      const askGitHub = (action.kind === 'deploy' || action.kind === 'rollback') && deps.busyEnvironment;
      if (!askGitHub) {
        set({ dialog: undefined });
        return run(action);
      }
      const checking: Dialog = { kind: 'confirm', action, target, typed: '', busy: 'checking' };
      set({ dialog: checking });
      void askGitHub(target.name)
        .catch(() => undefined)
        .then((busy) => {
          if (get().dialog !== checking) return; // cancelled meanwhile
          if (busy) return set({ dialog: { ...checking, busy } });
          set({ dialog: undefined });
          run(action);
        });
    };

    return {
      dialog: undefined,
      previewShipment,
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: undefined }),
      moveDialog(delta) {
        const d = get().dialog;
        if (!d || d.kind === 'confirm' || d.kind === 'confirm-merge') return;
        const count =
          d.kind === 'pick-ref' || d.kind === 'pick-restart' || d.kind === 'pick-silence'
            ? d.options.length
            : d.kind === 'scale'
              ? d.values.length
              : Array.isArray(d.releases)
                ? d.releases.length
                : 0;
        if (count === 0) return;
        set({ dialog: { ...d, index: Math.max(0, Math.min(count - 1, d.index + delta)) } });
      },
      typeInDialog(text) {
        const d = get().dialog;
        if (d?.kind !== 'confirm') return;
        const typed = text === '\b' ? d.typed.slice(0, -1) : d.typed + text;
        set({ dialog: { ...d, typed } });
      },
      request(action) {
        const target = get().environments.find((e) => e.name === targetOf(action));
        if (!target) return;
        if (target.stage !== 'staging' && target.stage !== 'production') return requestOnBox(action, target);
        const guard =
          target.stage === 'production' && (action.kind === 'deploy' || action.kind === 'promote')
            ? criticalAlertsOnReleasePath(get())
            : [];
        const ships = action.kind === 'deploy' || action.kind === 'promote';
        const checkBusy = (ships || action.kind === 'rollback') && deps.busyEnvironment !== undefined;
        set({
          dialog: {
            kind: 'confirm',
            action,
            target,
            typed: '',
            preflight: ships ? 'loading' : undefined,
            ...(guard.length ? { guard } : {}),
            ...(checkBusy ? { busy: 'checking' as const } : {}),
          },
        });
        if (ships) loadPreflight(action, target.name);
        else if (checkBusy) loadBusy(action, target.name);
      },
      environmentDetail: undefined,
      async loadEnvironmentDetail(env) {
        set({ environmentDetail: { env } });
        const merge = (change: Partial<EnvironmentDetail>) => {
          const current = get().environmentDetail;
          if (current?.env === env) set({ environmentDetail: { ...current, ...change } });
        };
        const target = get().environments.find((e) => e.name === env);
        const next = nextEnvironment(get().environments, env);
        await Promise.all([
          deps.releases?.(env, 10).then(
            (releases) => merge({ releases }),
            (e: Error) => merge({ error: e.message }),
          ),
          deps.configVarNames?.(env).then(
            (configVarNames) => merge({ configVarNames }),
            (e: Error) => merge({ error: e.message }),
          ),
          deps.githubDeployments?.(env, 5).then(
            (githubDeployments) => merge({ githubDeployments }),
            (e: Error) => merge({ githubDeployments: { error: e.message } }),
          ),
          target?.stage === 'production'
            ? deps.githubReleases?.(5).then(
                (githubReleases) => merge({ githubReleases }),
                (e: Error) => merge({ githubReleases: { error: e.message } }),
              )
            : undefined,
          target?.release?.commit && next && deps.preflight
            ? deps.preflight(next.release?.commit, target.release.commit).then(
                (waiting) => merge({ waiting }),
                () => undefined,
              )
            : undefined,
        ]);
      },
      async loadRollbackChoices(env) {
        const apply = (releases: Extract<Dialog, { kind: 'pick-release' }>['releases']) => {
          const d = get().dialog;
          if (d?.kind === 'pick-release' && d.env === env) set({ dialog: { ...d, releases, index: 0 } });
        };
        if (!deps.releases) return apply({ error: 'no platform is configured' });
        try {
          const current = get().environments.find((e) => e.name === env)?.release?.version ?? Number.MAX_SAFE_INTEGER;
          const all = await deps.releases(env, 30);
          apply(
            all
              .filter(
                (r): r is ReleaseSummary & { version: number } =>
                  r.status === 'succeeded' && r.version !== undefined && r.version < current,
              )
              .sort((a, b) => b.version - a.version),
          );
        } catch (error) {
          apply({ error: (error as Error).message });
        }
      },
      confirm() {
        const d = get().dialog;
        if (d?.kind === 'confirm-merge') {
          set({ dialog: undefined });
          const what = d.pullRequest !== undefined ? `#${d.pullRequest}` : (d.branch ?? d.ticket);
          get().showMessage(`merging ${what} (${d.ticket})…`);
          void get()
            .mergeTicket(d.ticket)
            .then((result) =>
              result.ok
                ? get().showMessage(
                    result.pullRequest !== undefined
                      ? `#${result.pullRequest} merged (${result.method}) for ${d.ticket}`
                      : `${what} merged into ${get().mainBranch} (${result.sha.slice(0, 7)}) for ${d.ticket}`,
                  )
                : get().showMessage(`${d.ticket} not merged: ${result.reason}`, 'error'),
            );
          return;
        }
        if (d?.kind !== 'confirm') return;
        // Deploys, promotions and rollbacks wait for GitHub's answer on who else is deploying there.
        if (d.busy === 'checking') return;
        const expected = confirmWord(d);
        if (expected !== undefined && d.typed.trim() !== expected) return;
        set({ dialog: undefined });
        run(d.action, d.guard !== undefined, expected === 'force');
      },
    };
  };

/** What must be typed to go ahead: "override" over critical alerts, "force" over someone's deployment in progress, production's name; undefined: y/n. */
export function confirmWord(d: Extract<Dialog, { kind: 'confirm' }>): string | undefined {
  if (d.guard) return 'override';
  if (typeof d.preflight === 'object' && 'commits' in d.preflight && d.preflight.busy) return 'force';
  if (typeof d.busy === 'object') return 'force';
  return d.target.stage === 'production' ? d.target.name : undefined;
}

/** The choices `d` offers on a box: the main branch and every ticket branch that exists. */
export function refOptions(state: DeckState): Array<{ ref: string; label: string }> {
  const options = [{ ref: state.mainBranch, label: `${state.mainBranch} (main branch)` }];
  for (const t of state.tickets) {
    if (t.branch && state.branches[t.branch]?.exists && !state.branches[t.branch]?.merged) {
      options.push({ ref: t.branch, label: `${t.branch}  ${t.id} ${t.title}` });
    }
  }
  return options;
}

export { nextEnvironment };
export const GATE_NONE = 'no test gate: deploy.test is not set in dynodeck.yml';

/** Critical alerts firing on staging or production, in words; shipping to production over them needs an override. */
export function criticalAlertsOnReleasePath(state: DeckState): string[] {
  const guarded = new Set(
    state.environments.filter((e) => e.stage === 'staging' || e.stage === 'production').map((e) => e.name),
  );
  return state.alerts
    .filter((a) => a.state === 'firing' && a.severity === 'critical' && guarded.has(a.env))
    .map((a) => `${a.rule} on ${a.env}: ${a.value} (${a.threshold})`);
}
