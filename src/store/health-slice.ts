// Alerts and the health numbers shown beside each environment, as the health watcher
// last published them; acknowledging and silencing go back to the alert engine.
import type { StateCreator } from 'zustand/vanilla';
import type { Alert } from '../alerts/alert-state.js';
import type { DeckState } from './deck-state.js';

export interface EnvHealth {
  rps: number;
  p50?: number;
  p95?: number;
  p99?: number;
  errorRate?: number;
  requests?: number;
  hCodes?: Record<string, number>;
  /** Last 15 minutes, one value a minute, oldest first. */
  rpsHistory: number[];
  p95History: number[];
  check?: { ok: boolean; status?: number; latencyMs: number; error?: string; at: number };
  /** Set while the log stream feeding these numbers and the alert rules has been down for a while. */
  stream?: { downSince: number; error?: string };
}

export interface AlertControls {
  acknowledge(id: string): void;
  silence(id: string, forMs: number): void;
}

export interface HealthSlice {
  alerts: Alert[];
  envHealth: Record<string, EnvHealth>;
  /** Log lines around the moment each alert fired, by alert id. */
  alertContext: Record<string, string[]>;
  publishHealth(alerts: Alert[], envHealth: Record<string, EnvHealth>, context: Record<string, string[]>): void;
  acknowledgeAlert(id: string): void;
  silenceAlert(id: string, forMs: number): void;
  attachAlertControls(controls: AlertControls): void;
}

export const createHealthSlice: StateCreator<DeckState, [], [], HealthSlice> = (set, get) => {
  let controls: AlertControls | undefined;
  return {
    alerts: [],
    envHealth: {},
    alertContext: {},
    publishHealth(alerts, envHealth, context) {
      const s = get();
      const change: Partial<HealthSlice> = {};
      if (JSON.stringify(alerts) !== JSON.stringify(s.alerts)) change.alerts = alerts;
      if (JSON.stringify(envHealth) !== JSON.stringify(s.envHealth)) change.envHealth = envHealth;
      if (Object.keys(context).length !== Object.keys(s.alertContext).length) change.alertContext = context;
      if (Object.keys(change).length) set(change);
    },
    acknowledgeAlert: (id) => controls?.acknowledge(id),
    silenceAlert: (id, forMs) => controls?.silence(id, forMs),
    attachAlertControls(c) {
      controls = c;
    },
  };
};
