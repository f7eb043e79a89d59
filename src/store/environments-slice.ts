// The pipeline's environments as the platform reports them, where each ticket's code
// lives, and the operations (deploy, promote, scale...) running on them.
import type { StateCreator } from 'zustand/vanilla';
import type { EnvironmentReader, EnvironmentSnapshot } from '../services/ports.js';
import type { DeckState } from './deck-state.js';

export type OperationKind = 'deploy' | 'promote' | 'scale' | 'restart' | 'rollback' | 'maintenance';

export interface Operation {
  id: number;
  kind: OperationKind;
  env: string;
  steps: string[];
  /** 1-based index of the step running (or last run). */
  step: number;
  detail: string;
  state: 'running' | 'succeeded' | 'failed';
  reason?: string;
  startedAt: number;
  finishedAt?: number;
  /** Once finished: the last lines it wrote (test gate, build, release phase), for the environment's detail. */
  output?: string[];
}

/** How many of an operation's last output lines the environment's detail keeps. */
export const OPERATION_OUTPUT_KEPT = 40;

export interface WaitingToShip {
  commits: number;
  tickets: number;
  truncated?: boolean;
}

export interface EnvironmentsSlice {
  environments: EnvironmentSnapshot[];
  /** The newest operation per environment. */
  operations: Record<string, Operation>;
  /** Ticket id → environment names whose release contains its work. */
  ticketLocations: Record<string, string[]>;
  /** Per environment: what its release has that the next stage's does not. */
  waiting: Record<string, WaitingToShip>;
  /** The platform's API budget left after the last read, when it reports one. */
  rateLimitRemaining?: number;
  setWaiting(waiting: Record<string, WaitingToShip>): void;
  refreshEnvironments(): Promise<void>;
  beginOperation(kind: OperationKind, env: string, steps: string[]): number;
  advanceOperation(id: number, step: string, detail?: string): void;
  finishOperation(
    id: number,
    outcome: { ok: true; detail?: string } | { ok: false; reason: string },
    output?: string[],
  ): void;
  setTicketLocations(locations: Record<string, string[]>): void;
}

export const createEnvironmentsSlice =
  (platform: EnvironmentReader | undefined, now: () => number): StateCreator<DeckState, [], [], EnvironmentsSlice> =>
  (set, get) => {
    let nextId = 1;
    const update = (id: number, change: (op: Operation) => Operation) => {
      const entry = Object.values(get().operations).find((op) => op.id === id);
      if (!entry) return;
      set({ operations: { ...get().operations, [entry.env]: change(entry) } });
    };
    return {
      environments: [],
      operations: {},
      ticketLocations: {},
      waiting: {},
      setWaiting(waiting) {
        if (JSON.stringify(waiting) !== JSON.stringify(get().waiting)) set({ waiting });
      },
      async refreshEnvironments() {
        if (!platform) return;
        try {
          const environments = await platform.environments();
          if (!sameSnapshots(environments, get().environments)) set({ environments });
          const remaining = platform.rateLimitRemaining?.();
          // Only coarse steps reach the screen, so the header does not redraw on every call.
          const shown = remaining === undefined ? undefined : Math.floor(remaining / 50) * 50;
          if (shown !== get().rateLimitRemaining) set({ rateLimitRemaining: shown });
          get().sourceSucceeded(platform.name);
        } catch (error) {
          get().sourceFailed(platform.name, error);
          throw error;
        }
      },
      beginOperation(kind, env, steps) {
        const id = nextId++;
        set({
          operations: {
            ...get().operations,
            [env]: { id, kind, env, steps, step: 1, detail: '', state: 'running', startedAt: now() },
          },
        });
        return id;
      },
      advanceOperation(id, step, detail = '') {
        update(id, (op) => {
          const index = op.steps.indexOf(step);
          return { ...op, step: index >= 0 ? index + 1 : op.step, detail };
        });
      },
      finishOperation(id, outcome, output) {
        const kept = output ? { output: output.slice(-OPERATION_OUTPUT_KEPT) } : {};
        update(id, (op) =>
          outcome.ok
            ? {
                ...op,
                state: 'succeeded',
                step: op.steps.length,
                // Else what its last step said (scale's "web=3", maintenance's "off").
                detail: outcome.detail ?? op.detail,
                finishedAt: now(),
                ...kept,
              }
            : { ...op, state: 'failed', reason: outcome.reason, finishedAt: now(), ...kept },
        );
      },
      setTicketLocations(locations) {
        if (JSON.stringify(locations) !== JSON.stringify(get().ticketLocations)) set({ ticketLocations: locations });
      },
    };
  };

/** A platform hands back the very snapshot objects when nothing changed: no need to serialise them to tell. */
function sameSnapshots(next: EnvironmentSnapshot[], shown: EnvironmentSnapshot[]): boolean {
  if (next.length === shown.length && next.every((e, i) => e === shown[i])) return true;
  return JSON.stringify(next) === JSON.stringify(shown);
}
