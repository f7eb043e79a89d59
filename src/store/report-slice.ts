// The outcomes report in the deck (o, :report): how fast and how safely the team ships,
// read on demand because it walks releases and git history.
import type { StateCreator } from 'zustand/vanilla';
import type { OutcomeReport } from '../outcomes/outcome-types.js';
import type { DeckState } from './deck-state.js';

export interface ReportRequest {
  /** `30d`, `12w`, or a date. */
  since: string;
  env: string;
}

export type ReportLoader = (request: ReportRequest) => Promise<OutcomeReport>;

export type OutcomeReportView = ReportRequest &
  ({ state: 'loading' } | { state: 'ready'; report: OutcomeReport } | { state: 'failed'; error: string });

export interface ReportSlice {
  outcomeReport?: OutcomeReportView;
  /** Opens the report over the deck and reads it (production and the last 30 days unless told). */
  showOutcomeReport(request?: Partial<ReportRequest>): void;
}

export const createReportSlice =
  (load: ReportLoader | undefined): StateCreator<DeckState, [], [], ReportSlice> =>
  (set, get) => ({
    outcomeReport: undefined,
    showOutcomeReport(request = {}) {
      const envs = get().environments;
      const env = request.env ?? envs.find((e) => e.stage === 'production')?.name ?? envs.at(-1)?.name ?? 'production';
      const wanted: ReportRequest = { since: request.since ?? '30d', env };
      set({ outcomeReport: { ...wanted, state: 'loading' }, overlay: { kind: 'report' }, overlayScroll: 0 });
      const settle = (view: OutcomeReportView) => {
        const current = get().outcomeReport;
        if (current?.env === wanted.env && current.since === wanted.since) set({ outcomeReport: view });
      };
      if (!load) return settle({ ...wanted, state: 'failed', error: 'no platform is configured' });
      load(wanted).then(
        (report) => settle({ ...wanted, state: 'ready', report }),
        (error: unknown) => settle({ ...wanted, state: 'failed', error: (error as Error).message }),
      );
    },
  });
