// Colours in one place. With NO_COLOR set every colour is undefined and the screens
// rely on borders, markers and inverse video instead.
import type { TicketComplexity } from '../domain/ticket.js';
import type { TicketStage } from '../domain/branch.js';
import type { Tone } from './present/source-freshness.js';

export interface Theme {
  color: boolean;
  accent?: string;
  muted?: string;
  warning?: string;
  error?: string;
  ok?: string;
  /** Production's own colour, everywhere it is named. */
  production?: string;
  complexity: Record<TicketComplexity, string | undefined>;
  stage: Record<TicketStage, string | undefined>;
  tone: Record<Tone, string | undefined>;
}

export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export function createTheme(color: boolean): Theme {
  const c = (name: string) => (color ? name : undefined);
  return {
    color,
    accent: c('cyan'),
    muted: c('gray'),
    warning: c('yellow'),
    error: c('red'),
    ok: c('green'),
    production: c('magentaBright'),
    complexity: { trivial: c('green'), standard: c('blue'), complex: c('magenta'), unknown: c('yellow') },
    stage: { todo: c('gray'), 'in progress': c('yellow'), merged: c('green') },
    tone: { ok: c('gray'), stale: c('yellow'), error: c('red'), pending: c('gray') },
  };
}

/**
 * A Box background that paints plain spaces: views drawn over the panes (help, detail,
 * dialogs) must hide what is under them without colouring the terminal's own background.
 * Ink fills a box that has a background colour with spaces, and leaves the spaces
 * uncoloured for a name it does not know.
 */
export const OPAQUE = 'opaque';
