import type { SourcesSlice } from './sources-slice.js';
import type { TicketsSlice } from './tickets-slice.js';
import type { CodeSlice } from './code-slice.js';
import type { UiSlice } from './ui-slice.js';
import type { ClockSlice } from './clock-slice.js';
import type { EnvironmentsSlice } from './environments-slice.js';
import type { ActionsSlice } from './actions-slice.js';
import type { DialogSlice } from './dialog-slice.js';
import type { LogsSlice } from './logs-slice.js';
import type { HealthSlice } from './health-slice.js';
import type { CommandLineSlice } from './command-line-slice.js';
import type { ReportSlice } from './report-slice.js';
import type { GitHubSlice } from './github-slice.js';
import type { NewTicketSlice } from './new-ticket-slice.js';
import type { ReadOnlySetting } from './read-only.js';

export interface ProjectSlice {
  project: string;
  root: string;
  /** Where environments run, when dynodeck.yml has a platform section. */
  platform?: 'local' | 'heroku';
  /** What may not be changed from this deck (or its headless commands). */
  readOnly: ReadOnlySetting;
}

export type DeckState = ProjectSlice &
  SourcesSlice &
  TicketsSlice &
  CodeSlice &
  UiSlice &
  ClockSlice &
  EnvironmentsSlice &
  ActionsSlice &
  DialogSlice &
  LogsSlice &
  HealthSlice &
  CommandLineSlice &
  ReportSlice &
  GitHubSlice &
  NewTicketSlice;
