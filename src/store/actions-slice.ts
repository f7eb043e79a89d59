// The actions the deck's keys and the headless commands share: deploy (behind the test
// gate), promote, scale, restart, rollback. Each is recorded in the audit log and shows
// its progress on the environment's operation.
import type { StateCreator } from 'zustand/vanilla';
import type {
  ActionOutcome,
  DeployStep,
  EnvironmentReader,
  EnvironmentSnapshot,
  FormationControl,
  ReleaseMaker,
  ReleaseSummary,
} from '../services/ports.js';
import type { AuditLog } from '../services/audit/audit-log.js';
import type { DeckState } from './deck-state.js';
import { OPERATION_OUTPUT_KEPT, type OperationKind } from './environments-slice.js';
import { readOnlyReason } from './read-only.js';
import type { ShippingLedger } from './github-ledger.js';

export interface GateRunner {
  (opts: {
    repo: string;
    ref: string;
    command: string;
    onLine: (line: string) => void;
  }): Promise<
    | { ok: true; sha: string; durationMs: number }
    | { ok: false; reason: string; unknownRef?: boolean; tail: string[]; durationMs: number }
  >;
}

export interface ActionDeps {
  platform?: ReleaseMaker & FormationControl & Pick<EnvironmentReader, 'releases'>;
  repo: string;
  mainBranch: string;
  testCommand?: string;
  runGate: GateRunner;
  audit: AuditLog;
  /** GitHub's deployments and releases, when GitHub is configured. */
  ledger?: ShippingLedger;
  /** The commit a branch points at (for the deployment's ref), when the code host knows it. */
  resolveCommit?: (ref: string) => Promise<string | undefined>;
}

/** What the GitHub deployment of an action records: the commit going out, in a few words. */
interface LedgerRequest {
  kind: 'deploy' | 'promote' | 'rollback';
  ref: () => Promise<string | undefined>;
  description: string;
}

export type Outcome = ActionOutcome & { stoppedBy?: 'gate' | 'refused' };

export interface ActionOptions {
  /** Extra sink for output lines (the CLI prints them). */
  onLine?: (line: string) => void;
  via?: 'deck' | 'cli';
  /** Shipped over critical alerts on staging or production, on purpose. */
  override?: boolean;
  /** Went ahead while GitHub showed another deployment to the environment in progress. */
  force?: boolean;
}

export interface ActionsSlice {
  deployEnvironment(env: string, opts?: ActionOptions & { ref?: string; skipTests?: boolean }): Promise<Outcome>;
  promoteEnvironment(from: string, to?: string, opts?: ActionOptions): Promise<Outcome>;
  scaleEnvironment(env: string, quantities: Record<string, number>, opts?: ActionOptions): Promise<Outcome>;
  restartEnvironment(env: string, target?: string, opts?: ActionOptions): Promise<Outcome>;
  rollbackEnvironment(env: string, release?: string, opts?: ActionOptions): Promise<Outcome>;
  setMaintenanceMode(env: string, on: boolean, opts?: ActionOptions): Promise<Outcome>;
  /** Follows releases that were already pending when the deck started (a deploy begun elsewhere). */
  resumePendingReleases(): void;
}

const STEP_NAMES: Record<DeployStep, string> = {
  upload: 'build',
  build: 'build',
  release: 'release phase',
  boot: 'boot',
};

/** The stage after this environment's, where promote sends its release. */
export function nextEnvironment(envs: readonly EnvironmentSnapshot[], name: string): EnvironmentSnapshot | undefined {
  const env = envs.find((e) => e.name === name);
  if (!env) return undefined;
  const order = env.stage === 'production' ? 3 : env.stage === 'staging' ? 2 : 1;
  return envs.find((e) => (order === 1 ? e.stage === 'staging' : order === 2 ? e.stage === 'production' : false));
}

export const createActionsSlice =
  (deps: ActionDeps): StateCreator<DeckState, [], [], ActionsSlice> =>
  (_set, get) => {
    const refused = (reason: string): Outcome => ({ ok: false, reason, stoppedBy: 'refused' });
    const resumed = new Set<string>();

    function environment(name: string): EnvironmentSnapshot | undefined {
      return get().environments.find((e) => e.name === name || e.app === name);
    }

    /** Runs one operation: progress on the environment, output to the logs, a line in the audit log. */
    async function run(
      kind: OperationKind,
      env: EnvironmentSnapshot,
      steps: string[],
      opts: ActionOptions | undefined,
      detail: Record<string, string | boolean | undefined>,
      body: (ctx: { step(name: string, detail?: string): void; line(text: string): void }) => Promise<Outcome>,
      ledger?: LedgerRequest,
    ): Promise<Outcome> {
      const state = get();
      const locked = readOnlyReason(state.readOnly, env);
      if (locked) return refused(locked);
      const id = state.beginOperation(kind, env.name, steps);
      // The end of what it wrote, for the environment's detail: the Logs pane keeps it only while this environment is shown.
      const output: string[] = [];
      const line = (text: string) => {
        get().appendLocalLog(env.name, text);
        opts?.onLine?.(text);
        output.push(...text.replace(/\r?\n$/, '').split(/\r\n|\r|\n/));
        if (output.length > 2 * OPERATION_OUTPUT_KEPT) output.splice(0, output.length - OPERATION_OUTPUT_KEPT);
      };
      const base = {
        ...detail,
        via: opts?.via ?? 'deck',
        ...(opts?.override ? { override: true } : {}),
        ...(opts?.force ? { force: true } : {}),
      };
      await deps.audit.write({ what: kind, target: env.name, result: 'started', detail: base });
      // Recorded on GitHub beside the action, not before it: a slow or hung GitHub never holds a deploy back.
      const shippingLedger = deps.ledger;
      const ledgerBegun =
        ledger && shippingLedger
          ? ledger
              .ref()
              .catch(() => undefined)
              .then((ref) =>
                ref
                  ? shippingLedger.begin({ kind: ledger.kind, env, ref, description: ledger.description }, line)
                  : undefined,
              )
          : undefined;
      let outcome: Outcome;
      try {
        outcome = await body({ step: (name, d) => get().advanceOperation(id, name, d), line });
      } catch (error) {
        outcome = { ok: false, reason: (error as Error).message };
      }
      get().finishOperation(
        id,
        outcome.ok
          ? { ok: true, detail: outcome.release ? `v${outcome.release.version ?? '?'}` : undefined }
          : { ok: false, reason: outcome.reason },
        output,
      );
      const finishLedger = await ledgerBegun;
      await finishLedger?.(outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason });
      line(
        outcome.ok
          ? `${kind} ${env.name}: done${outcome.release ? ` (v${outcome.release.version ?? '?'})` : ''}`
          : `${kind} ${env.name} failed: ${outcome.reason}`,
      );
      await deps.audit.write({
        what: kind,
        target: env.name,
        result: outcome.ok ? 'succeeded' : 'failed',
        detail: {
          ...base,
          release: outcome.release ? `v${outcome.release.version ?? '?'}` : undefined,
          releaseId: outcome.release?.id,
          reason: outcome.ok ? undefined : outcome.reason,
        },
      });
      void get()
        .refreshEnvironments()
        .catch(() => undefined);
      return outcome;
    }

    const events = (ctx: { step(name: string, detail?: string): void; line(text: string): void }) => ({
      onStep: (step: DeployStep, detail: string) => ctx.step(STEP_NAMES[step], detail),
      onOutput: (text: string) => ctx.line(text),
    });

    return {
      async deployEnvironment(name, opts = {}) {
        const env = environment(name);
        if (!deps.platform) return refused('no platform is configured (add a "platform:" section to dynodeck.yml)');
        if (!env) return refused(`no environment named "${name}"`);
        if (env.stage === 'production')
          return refused('production is deployed by promoting staging\'s release: "dynodeck promote staging"');
        const ref = opts.ref ?? deps.mainBranch;
        const gate = !opts.skipTests && deps.testCommand !== undefined;
        const steps = [...(gate ? ['tests'] : []), 'build', 'release phase', 'boot'];
        return run(
          'deploy',
          env,
          steps,
          opts,
          { ref, skipTests: opts.skipTests ?? false },
          async (ctx) => {
            if (gate) {
              ctx.step('tests', deps.testCommand);
              ctx.line(`running the test gate: ${deps.testCommand} (at ${ref})`);
              const result = await deps.runGate({
                repo: deps.repo,
                ref,
                command: deps.testCommand!,
                onLine: (l) => ctx.line(`tests │ ${l}`),
              });
              if (!result.ok)
                return {
                  ok: false,
                  reason: result.unknownRef
                    ? `nothing deployed: ${result.reason}`
                    : `stopped by the test gate: ${result.reason}`,
                  stoppedBy: 'gate',
                };
              ctx.line(`tests passed in ${(result.durationMs / 1000).toFixed(1)} s`);
            } else if (opts.skipTests) {
              ctx.line('tests skipped (--skip-tests); recorded in the audit log');
            } else {
              ctx.line('no test gate: set deploy.test in dynodeck.yml to run the tests before every deploy');
            }
            return deps.platform!.deploy(env.name, deps.repo, ref, events(ctx));
          },
          {
            kind: 'deploy',
            ref: async () => (await deps.resolveCommit?.(ref)) ?? ref,
            description: `deploy ${ref} to ${env.name}`,
          },
        );
      },

      async promoteEnvironment(from, to, opts) {
        const source = environment(from);
        if (!deps.platform) return refused('no platform is configured');
        if (!source) return refused(`no environment named "${from}"`);
        const target = to ? environment(to) : nextEnvironment(get().environments, source.name);
        if (!target)
          return refused(to ? `no environment named "${to}"` : `${source.name} has no next stage to promote to`);
        if (!source.release) return refused(`${source.name} has no release to promote`);
        const shipped = source.release.commit;
        const previous = target.release?.commit;
        const outcome = await run(
          'promote',
          target,
          ['promote', 'release phase', 'boot'],
          opts,
          { from: source.name, release: `v${source.release.version ?? '?'}` },
          async (ctx) => {
            ctx.step('promote', `${source.name} v${source.release!.version ?? '?'}`);
            return deps.platform!.promote(source.name, target.name, events(ctx));
          },
          {
            kind: 'promote',
            ref: async () => shipped,
            description: `promote ${source.name} v${source.release.version ?? '?'} to ${target.name}`,
          },
        );
        if (outcome.ok && target.stage === 'production' && deps.ledger && shipped) {
          const line = (text: string) => {
            get().appendLocalLog(target.name, text);
            opts?.onLine?.(text);
          };
          const version = outcome.release?.version;
          if (version === undefined) line('GitHub release not created: the platform did not say the release number');
          else
            await deps.ledger.release({ version, sha: shipped, previousSha: previous, tickets: get().tickets }, line);
        }
        return outcome;
      },

      async scaleEnvironment(name, quantities, opts) {
        const env = environment(name);
        if (!deps.platform) return refused('no platform is configured');
        if (!env) return refused(`no environment named "${name}"`);
        const unknown = Object.keys(quantities).filter((type) => !(type in env.formation));
        if (unknown.length)
          return refused(
            `${env.name} has no process type ${unknown.join(', ')} (it has ${Object.keys(env.formation).join(', ') || 'none'})`,
          );
        const text = Object.entries(quantities)
          .map(([t, q]) => `${t}=${q}`)
          .join(' ');
        return run('scale', env, ['scale'], opts, { formation: text }, async (ctx) => {
          ctx.step('scale', text);
          await deps.platform!.scale(env.name, quantities);
          return { ok: true };
        });
      },

      async restartEnvironment(name, target, opts) {
        const env = environment(name);
        if (!deps.platform) return refused('no platform is configured');
        if (!env) return refused(`no environment named "${name}"`);
        return run('restart', env, ['restart'], opts, { target: target ?? 'all' }, async (ctx) => {
          ctx.step('restart', target ?? 'all processes');
          await deps.platform!.restart(env.name, target);
          return { ok: true };
        });
      },

      async setMaintenanceMode(name, on, opts) {
        const env = environment(name);
        if (!deps.platform) return refused('no platform is configured');
        if (!env) return refused(`no environment named "${name}"`);
        return run('maintenance', env, ['maintenance'], opts, { maintenance: on }, async (ctx) => {
          ctx.step('maintenance', on ? 'on' : 'off');
          await deps.platform!.setMaintenance(env.name, on);
          return { ok: true };
        });
      },

      resumePendingReleases() {
        for (const env of get().environments) {
          const pending = env.pendingRelease;
          if (!pending || get().operations[env.name]?.state === 'running' || resumed.has(pending.id)) continue;
          resumed.add(pending.id);
          void run(
            'deploy',
            env,
            ['release phase', 'boot'],
            { via: 'deck' },
            { release: `v${pending.version ?? '?'}`, resumed: true },
            async (ctx) => {
              ctx.line(`following v${pending.version ?? '?'}, which was already running when the deck started`);
              ctx.step('release phase', `v${pending.version ?? '?'}`);
              return deps.platform!.followRelease(env.name, pending.id, events(ctx));
            },
          );
        }
      },

      async rollbackEnvironment(name, release, opts) {
        const env = environment(name);
        if (!deps.platform) return refused('no platform is configured');
        if (!env) return refused(`no environment named "${name}"`);
        let target = release;
        if (!target) {
          const releases = await deps.platform.releases(env.name, 20);
          const current = env.release?.version ?? Number.MAX_SAFE_INTEGER;
          const previous = releases
            .filter(
              (r): r is ReleaseSummary & { version: number } =>
                r.status === 'succeeded' && r.version !== undefined && r.version < current,
            )
            .sort((a, b) => b.version - a.version)[0];
          if (!previous) return refused(`${env.name} has no earlier release that succeeded`);
          target = `v${previous.version}`;
        }
        const wanted = target;
        return run(
          'rollback',
          env,
          ['rollback', 'boot'],
          opts,
          { release: target },
          async (ctx) => {
            ctx.step('rollback', target);
            return deps.platform!.rollback(env.name, target!, events(ctx));
          },
          {
            kind: 'rollback',
            ref: async () =>
              (await deps.platform!.releases(env.name, 30)).find((r) => r.id === wanted || `v${r.version}` === wanted)
                ?.commit,
            description: `roll ${env.name} back to ${wanted}`,
          },
        );
      },
    };
  };
