// Keeps the deck's alert history: every transition of the store's alerts (rules' and
// CloudWatch's) is appended to .dynodeck/history/alerts.jsonl, which the outcomes report
// reads for time to restore.
import { alertTransitions } from '../alerts/alert-transitions.js';
import type { AlertTransition } from '../outcomes/outcome-types.js';
import type { Clock } from '../services/ports.js';
import type { DeckStore } from './create-deck-store.js';

export interface TransitionSink {
  recordAlertTransition(transition: AlertTransition): void;
}

export function recordAlertHistory(store: DeckStore, sink: TransitionSink, clock: Clock): () => void {
  let last = store.getState().alerts;
  return store.subscribe((state) => {
    if (state.alerts === last) return;
    for (const t of alertTransitions(last, state.alerts, clock.now())) sink.recordAlertTransition(t);
    last = state.alerts;
  });
}
