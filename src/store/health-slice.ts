// Alerts and the health numbers shown beside each environment, as the health watcher
// last published them; acknowledging and silencing go back to the alert engine.
import type { StateCreator } from 'zustand/vanilla';
import { sortAlerts, type Alert } from '../alerts/alert-state.js';
import type { DatabaseHealth } from '../domain/database-health.js';
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

/** Who raised an alert: the deck's rules (logs and checks) or CloudWatch alarms; each acknowledges its own. */
export type AlertOwner = 'rules' | 'cloudwatch';

export interface HealthSlice {
  /** Every alert, rules' and CloudWatch's, firing first. */
  alerts: Alert[];
  /** Each environment's database as CloudWatch last reported it. */
  databases: Record<string, DatabaseHealth>;
  publishDatabases(databases: Record<string, DatabaseHealth>): void;
  /** CloudWatch's alarms as alerts (the rules' come with publishHealth). */
  publishCloudAlerts(alerts: Alert[]): void;
  envHealth: Record<string, EnvHealth>;
  /** Log lines around the moment each alert fired, by alert id. */
  alertContext: Record<string, string[]>;
  publishHealth(alerts: Alert[], envHealth: Record<string, EnvHealth>, context: Record<string, string[]>): void;
  acknowledgeAlert(id: string): void;
  silenceAlert(id: string, forMs: number): void;
  attachAlertControls(controls: AlertControls, owner?: AlertOwner): void;
}

export const createHealthSlice: StateCreator<DeckState, [], [], HealthSlice> = (set, get) => {
  const controls: Partial<Record<AlertOwner, AlertControls>> = {};
  const held: Record<AlertOwner, Alert[]> = { rules: [], cloudwatch: [] };
  const merged = () => sortAlerts([...held.rules, ...held.cloudwatch]);
  const ownerOf = (id: string): AlertOwner => (held.cloudwatch.some((a) => a.id === id) ? 'cloudwatch' : 'rules');
  return {
    alerts: [],
    envHealth: {},
    alertContext: {},
    databases: {},
    publishDatabases(databases) {
      if (JSON.stringify(databases) !== JSON.stringify(get().databases)) set({ databases });
    },
    publishCloudAlerts(alerts) {
      held.cloudwatch = alerts;
      const all = merged();
      if (JSON.stringify(all) !== JSON.stringify(get().alerts)) set({ alerts: all });
    },
    publishHealth(alerts, envHealth, context) {
      const s = get();
      const change: Partial<HealthSlice> = {};
      held.rules = alerts;
      const all = merged();
      if (JSON.stringify(all) !== JSON.stringify(s.alerts)) change.alerts = all;
      if (JSON.stringify(envHealth) !== JSON.stringify(s.envHealth)) change.envHealth = envHealth;
      if (Object.keys(context).length !== Object.keys(s.alertContext).length) change.alertContext = context;
      if (Object.keys(change).length) set(change);
    },
    acknowledgeAlert: (id) => controls[ownerOf(id)]?.acknowledge(id),
    silenceAlert: (id, forMs) => controls[ownerOf(id)]?.silence(id, forMs),
    attachAlertControls(c, owner = 'rules') {
      controls[owner] = c;
    },
  };
};
