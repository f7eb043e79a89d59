// Which dynos may receive a request, round-robin, and how many requests each
// has in flight. A dyno removed by `set` is never picked again; its keep-alive
// sockets are dropped once its last request ends.
import { Agent } from 'node:http';
import type { Backend, FormationState } from './types.js';

export interface Lease {
  readonly backend: Backend;
  readonly key: string;
  readonly agent: Agent;
}

interface Slot {
  backend: Backend;
  agent: Agent;
  inFlight: number;
  current: boolean;
}

export const backendKey = (b: Backend): string => `${b.dyno}@${b.port}`;

export interface BackendPool {
  set(backends: Backend[], state: FormationState): void;
  state(): FormationState;
  /** The next current backend, round-robin, skipping keys in `exclude`; counts it in flight. */
  pick(exclude: ReadonlySet<string>): Lease | undefined;
  release(lease: Lease): void;
  /** Resolves on the next `set` or `wake`. */
  nextChange(): Promise<void>;
  wake(): void;
  drain(dynos: string[]): Promise<void>;
  destroy(): void;
}

export interface BackendPoolOptions {
  /** How long a connection to a dyno may sit idle before the router closes it. */
  idleMs: number;
}

/**
 * Keep-alive connections to one dyno. The router must be the side that closes an idle
 * connection: a dyno that closes it first races the next request sent on it. So idle
 * connections close after `idleMs`, or sooner when the dyno announces a shorter keep-alive
 * (`Keep-Alive: timeout=N`: Node's agent then closes one second before N, and does not keep
 * the connection at all below two seconds; it only does so when given a timeout of its own).
 */
function dynoAgent(idleMs: number): Agent {
  return new Agent({ keepAlive: true, timeout: idleMs });
}

export function createBackendPool(options: BackendPoolOptions): BackendPool {
  let order: string[] = [];
  let formation: FormationState = { webQuantity: 0, starting: 0 };
  let cursor = 0;
  const slots = new Map<string, Slot>();
  let changeWaiters: Array<() => void> = [];
  let drainWaiters: Array<{ dynos: Set<string>; resolve: () => void }> = [];

  // Only backends already taken out of rotation count: during a deploy the new web.1
  // serves under the same name as the old one being drained, and must not hold it up.
  const busy = (dynos: Set<string>) =>
    [...slots.values()].some((s) => !s.current && s.inFlight > 0 && dynos.has(s.backend.dyno));

  const retireIfIdle = (key: string, slot: Slot) => {
    if (slot.current || slot.inFlight > 0) return;
    slot.agent.destroy();
    slots.delete(key);
  };

  const wake = () => {
    const waiters = changeWaiters;
    changeWaiters = [];
    for (const w of waiters) w();
  };

  return {
    set(backends, state) {
      formation = { ...state };
      order = [];
      for (const b of backends) {
        const key = backendKey(b);
        if (order.includes(key)) continue;
        order.push(key);
        const slot = slots.get(key);
        if (slot) slot.current = true;
        else slots.set(key, { backend: { ...b }, agent: dynoAgent(options.idleMs), inFlight: 0, current: true });
      }
      for (const [key, slot] of slots) {
        if (!order.includes(key)) {
          slot.current = false;
          retireIfIdle(key, slot);
        }
      }
      wake();
    },
    state: () => ({ ...formation }),
    pick(exclude) {
      for (let i = 0; i < order.length; i++) {
        const index = (cursor + i) % order.length;
        const key = order[index] as string;
        if (exclude.has(key)) continue;
        const slot = slots.get(key) as Slot;
        cursor = (index + 1) % order.length;
        slot.inFlight++;
        return { backend: slot.backend, key, agent: slot.agent };
      }
      return undefined;
    },
    release(lease) {
      const slot = slots.get(lease.key);
      if (!slot || slot.agent !== lease.agent) return;
      slot.inFlight--;
      retireIfIdle(lease.key, slot);
      const still: typeof drainWaiters = [];
      for (const w of drainWaiters) {
        if (busy(w.dynos)) still.push(w);
        else w.resolve();
      }
      drainWaiters = still;
    },
    nextChange: () => new Promise<void>((resolve) => changeWaiters.push(resolve)),
    wake,
    drain(dynos) {
      const set = new Set(dynos);
      if (!busy(set)) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push({ dynos: set, resolve }));
    },
    destroy() {
      for (const slot of slots.values()) slot.agent.destroy();
      slots.clear();
      order = [];
      wake();
      for (const w of drainWaiters) w.resolve();
      drainWaiters = [];
    },
  };
}
