// Work that was in flight when the engine stopped did not finish; the releases before
// it keep serving. Applied to the ledger once, when the next engine starts.
import type { EngineStateData } from '../state/engine-state.js';

export function recoverInterruptedWork(d: EngineStateData): void {
  const reason = 'interrupted: the engine stopped before this finished; the previous release kept serving';
  for (const app of d.apps) {
    for (const r of app.releases) {
      if (r.status === 'pending') Object.assign(r, { status: 'failed', failure: reason });
    }
  }
  for (const b of Object.values(d.builds)) {
    if (b.status === 'pending') Object.assign(b, { status: 'failed', failure: reason });
  }
  for (const p of Object.values(d.promotions)) {
    if (p.status === 'pending') {
      p.status = 'completed';
      for (const t of p.targets)
        if (t.status === 'pending') Object.assign(t, { status: 'failed', errorMessage: reason });
    }
  }
}
