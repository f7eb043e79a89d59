// The small interfaces the store talks to. Adapters in src/services/<provider>/
// implement them; the store never knows which one it has.
import type { Ticket, TicketLoad } from '../domain/ticket.js';
import type { DraftReading, TicketDraft, TicketSourceKind } from '../domain/ticket-draft.js';
import type { BranchStatus } from '../domain/branch.js';
import type { LogGap } from '../logs/gap-marker.js';

export interface TicketSource {
  /** A short name shown in the header ("tickets"). */
  readonly name: string;
  load(): Promise<TicketLoad>;
  /** Calls `onChange` soon after the source changes; returns a function that stops watching. */
  watch?(onChange: () => void): () => void;
}

/** Creating tickets (`n` in the Tickets pane): a markdown file with the next id, or a GitHub issue. */
export interface TicketCreator {
  readonly kind: TicketSourceKind;
  /** The text the user's editor opens on. */
  template(): Promise<string>;
  /** What the saved text says: the ticket, an empty title (cancelled), or what is wrong, naming the field. */
  read(text: string): DraftReading;
  /** Files the ticket; rejects with a message for the user (nothing is retried). */
  create(draft: TicketDraft): Promise<Ticket>;
}

/** The user's own editor on a file, with the terminal handed over to it while it runs. */
export interface DraftEditor {
  edit(file: string): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export interface CodeHost {
  readonly name: string;
  /** The branch the others are compared with ("main"). */
  readonly mainBranch: string;
  /** Status of each named branch; names that do not exist come back with `exists: false`. */
  branches(names: readonly string[]): Promise<Map<string, BranchStatus>>;
}

export { systemClock, type Clock } from '../domain/clock.js';

/** Pipeline stages, Heroku's words; feature boxes are `development` (local) or `review` apps. */
export type EnvironmentStage = 'review' | 'development' | 'staging' | 'production';

/** What the platform said about a release; a field it did not send (or sent garbled) is left out, never made up. */
export interface ReleaseSummary {
  id: string;
  /** Undefined when the platform did not say (shown as "v?"). */
  version?: number;
  /** `unknown`: the platform sent no status, or one dynodeck does not know. */
  status: 'pending' | 'succeeded' | 'failed' | 'unknown';
  description: string;
  /** The git commit the release runs, when known. */
  commit?: string;
  /** Who made it (an email), when the platform says. */
  user?: string;
  /** Epoch ms; undefined when the platform sent no valid time. */
  createdAt?: number;
  current: boolean;
  /** Why it failed, when the platform says. */
  failure?: string;
}

export interface DynoSummary {
  name: string;
  type: string;
  /** `unknown`: the platform sent no state, or one dynodeck does not know. */
  state: 'starting' | 'up' | 'idle' | 'crashed' | 'down' | 'unknown';
  /** Epoch ms; undefined when the platform sent no valid time. */
  startedAt?: number;
  releaseVersion?: number;
}

export interface EnvironmentSnapshot {
  /** Short name the user types: box-1, staging, production (or the app name on Heroku). */
  name: string;
  app: string;
  stage: EnvironmentStage;
  url: string;
  maintenance: boolean;
  release?: ReleaseSummary;
  /** A release still pending (its release phase or boot running), e.g. from a deploy started before the deck. */
  pendingRelease?: ReleaseSummary;
  formation: Record<string, number>;
  dynos: DynoSummary[];
}

export interface LogSessionOptions {
  lines?: number;
  source?: 'app' | 'heroku';
  dyno?: string;
}

export type DeployStep = 'upload' | 'build' | 'release' | 'boot';

export interface PlatformEvents {
  onStep?(step: DeployStep, detail: string): void;
  onOutput?(line: string): void;
}

export type ActionOutcome =
  | { ok: true; release?: ReleaseSummary }
  | {
      ok: false;
      reason: string;
      release?: ReleaseSummary;
      /** The platform may have done it: a write got no clear answer, a wait hit its time limit, or no status came back. */
      unknown?: true;
    };

/**
 * What a platform can do, in capabilities, so a provider that has only some of them (GitHub
 * deployments, CloudWatch, a read-only status source) implements those without stubs, and
 * each consumer asks only for what it uses.
 */
export interface EnvironmentReader {
  readonly name: string;
  /** The API budget left (Heroku's RateLimit-Remaining), when the platform reports one. */
  rateLimitRemaining?(): number | undefined;
  environments(): Promise<EnvironmentSnapshot[]>;
  releases(env: string, count: number): Promise<ReleaseSummary[]>;
  configVarNames(env: string): Promise<string[]>;
}

/** Making releases: deploys, promotions and rollbacks, and following one to its end. */
export interface ReleaseMaker {
  deploy(env: string, repo: string, ref: string, events?: PlatformEvents): Promise<ActionOutcome>;
  promote(from: string, to: string, events?: PlatformEvents): Promise<ActionOutcome>;
  rollback(env: string, release: string, events?: PlatformEvents): Promise<ActionOutcome>;
  /** Follows a pending release to its end (a deploy started elsewhere or before the deck). */
  followRelease(env: string, releaseId: string, events?: PlatformEvents): Promise<ActionOutcome>;
}

/** The running processes: formation, restarts and maintenance mode. */
export interface FormationControl {
  scale(env: string, quantities: Record<string, number>): Promise<void>;
  restart(env: string, target?: string): Promise<void>;
  setMaintenance(env: string, on: boolean): Promise<void>;
}

/** Where an environment's log can be read. */
export interface LogSessionSource {
  /** A log session for the environment: the URL to read it from (server-sent events or plain text). */
  logSessionUrl(env: string, options: LogSessionOptions & { tail: boolean }): Promise<string>;
}

/** A whole platform (Heroku, the local engine): every capability. */
export interface Platform extends EnvironmentReader, ReleaseMaker, FormationControl, LogSessionSource {}

export type LogStreamState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export interface LogStreamStatus {
  state: LogStreamState;
  /** Consecutive failed attempts (0 while healthy). */
  attempt: number;
  error?: string;
  /** When this state began (clock ms). */
  since: number;
}

/** Lines a log stream knows it lost, and why. */
export interface LogLoss {
  /**
   * 'overflow': the platform threw lines away because the reader fell behind (Logplex's
   * L10/L11 notice, which is still delivered as a line); 'gap': a resumed or replaced
   * stream started after lines the deck never got (counted from the stream's event ids).
   */
  cause: 'overflow' | 'gap';
  lines: number;
}

export interface LogStreamListener {
  /** Lines as they arrive, in batches. */
  onLines(lines: readonly string[]): void;
  /** Lines may be missing here (a session had to be replaced); called before the lines after it. */
  onGap?(gap: LogGap): void;
  onLoss?(loss: LogLoss): void;
  onStatus(status: LogStreamStatus): void;
}

/**
 * Live logs per environment. One stream per environment however many listen (the Logs
 * pane and the health watcher): the first listener opens it, the last one to leave closes
 * it, and a listener that joins an open stream first gets its recent lines and its status.
 */
export interface LogStreams {
  /** Starts listening; returns the function that stops. */
  follow(env: string, listener: LogStreamListener): () => void;
}
