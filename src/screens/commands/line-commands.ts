// The `:` line's commands that take words. They use the headless CLI's words
// (`:deploy staging --ref main`, `:scale production web=3 worker+1`) and go through the
// same requests as the keys: the same confirmations, read-only checks and audit log.
import type { DeckState } from '../../store/deck-state.js';
import type { DeckStore } from '../../store/create-deck-store.js';
import { parseScaleArgs } from '../../domain/scale-args.js';
import { readOnlyReason } from '../../store/read-only.js';
import { nextEnvironment } from '../../store/dialog-slice.js';
import { ticketRows } from '../present/ticket-rows.js';
import { SOURCE_CYCLE } from '../../store/log-view.js';
import { selectedAlert } from './alerts-commands.js';
import type { LineCommand } from './command.js';
import { newTicketBlocked } from '../../store/new-ticket-slice.js';
import { newTicketAndSelect } from './ticket-commands.js';

function findEnvironment(state: DeckState, name: string | undefined) {
  if (!name) return { error: 'which environment? (Tab lists them)' } as const;
  const env = state.environments.find((e) => e.name === name || e.app === name);
  if (!env) {
    const known = state.environments.map((e) => e.name).join(', ') || 'none yet';
    return { error: `no environment named "${name}" (known: ${known})` } as const;
  }
  return { env } as const;
}

/** `--ref main` or a bare word; flags the deck does not take are refused, not ignored. */
function readFlags(args: readonly string[], known: Record<string, 'value' | 'switch'>) {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = known[name];
    if (!kind) return { error: `--${name} is not an option here` } as const;
    if (kind === 'switch') flags[name] = true;
    else {
      const value = inline ?? args[++i];
      if (!value) return { error: `--${name} needs a value` } as const;
      flags[name] = value;
    }
  }
  return { positional, flags } as const;
}

function locked(state: DeckState, env: { name: string; stage: DeckState['environments'][number]['stage'] }) {
  return readOnlyReason(state.readOnly, env);
}

/** `15m`, `1h`, `4h`, `24h`, `90s`, `2d` → milliseconds. */
export function parseDuration(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(text ?? '');
  if (!m) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * unit;
  return ms > 0 ? ms : undefined;
}

function tailEnvironment(store: DeckStore, name: string) {
  const s = store.getState();
  const index = s.environments.findIndex((e) => e.name === name);
  if (index >= 0) {
    s.focusPane('environments');
    s.moveSelection(index - s.selection.environments, s.environments.length);
  }
  s.tailLogs(name);
  s.focusPane('logs');
}

export const LINE_COMMANDS: readonly LineCommand[] = [
  {
    names: ['env', 'e'],
    usage: ':env <environment>',
    description: 'select an environment and tail its logs',
    complete: ['environment'],
    run([name], { store }) {
      const found = findEnvironment(store.getState(), name);
      if ('error' in found) return found.error;
      tailEnvironment(store, found.env.name);
      return undefined;
    },
  },
  {
    names: ['t', 'ticket'],
    usage: ':t <ticket>',
    description: 'open a ticket',
    complete: ['ticket'],
    run([id], { store }) {
      const s = store.getState();
      if (!id) return 'which ticket? (Tab lists them)';
      const rows = ticketRows(
        s.tickets,
        s.ticketProblems,
        s.branches,
        s.ticketLocations,
        s.environments.map((e) => e.name),
      );
      const wanted = id.replace(/^#/, '').toLowerCase();
      const index = rows.findIndex(
        (r) =>
          r.kind === 'ticket' &&
          [r.ticket.id.toLowerCase(), r.ticket.id.replace(/^#/, '').toLowerCase()].includes(wanted),
      );
      if (index < 0) return `no ticket "${id}"`;
      if (s.overlay.kind !== 'none') s.closeOverlay();
      s.focusPane('tickets');
      s.moveSelection(index - s.selection.tickets, rows.length);
      s.openDetail(rows.length);
      return undefined;
    },
  },
  {
    names: ['new'],
    usage: ':new',
    description: 'create a ticket in your editor (n in the Tickets pane)',
    run(args, { store }) {
      if (args.length) return ':new takes no arguments (the editor asks for the title)';
      const blocked = newTicketBlocked(store.getState());
      if (blocked) return `new ticket: ${blocked}`;
      void newTicketAndSelect(store);
      return undefined;
    },
  },
  {
    names: ['logs'],
    usage: ':logs <environment> [all|app|router|heroku|web|worker]',
    description: "tail an environment's logs, from one source",
    complete: ['environment', 'source'],
    run([name, source], { store }) {
      const found = findEnvironment(store.getState(), name);
      if ('error' in found) return found.error;
      if (source && !SOURCE_CYCLE.includes(source)) return `no source "${source}" (one of ${SOURCE_CYCLE.join(', ')})`;
      tailEnvironment(store, found.env.name);
      if (source) store.getState().setLogSource(source);
      return undefined;
    },
  },
  {
    names: ['deploy'],
    usage: ':deploy <environment> [ref] [--ref REF] [--skip-tests]',
    description: 'the test gate, then build and release a ref (default: the main branch)',
    changesEnvironment: true,
    complete: ['environment'],
    run(args, { store }) {
      const parsed = readFlags(args, { ref: 'value', 'skip-tests': 'switch' });
      if ('error' in parsed) return parsed.error;
      const s = store.getState();
      const found = findEnvironment(s, parsed.positional[0]);
      if ('error' in found) return found.error;
      const { env } = found;
      const ref = (parsed.flags.ref as string | undefined) ?? parsed.positional[1] ?? s.mainBranch;
      if (env.stage === 'production') return 'production is deployed by promoting staging: :promote staging';
      const blocked = locked(s, env);
      if (blocked) return blocked;
      s.request({ kind: 'deploy', env: env.name, ref, skipTests: parsed.flags['skip-tests'] === true });
      return undefined;
    },
  },
  {
    names: ['promote'],
    usage: ':promote <from> [to]',
    description: "copy an environment's release to the next stage (or to <to>), no rebuild",
    changesEnvironment: true,
    complete: ['environment', 'environment'],
    run([from, to], { store }) {
      const s = store.getState();
      const source = findEnvironment(s, from);
      if ('error' in source) return source.error;
      const target = to ? findEnvironment(s, to) : { env: nextEnvironment(s.environments, source.env.name) };
      if ('error' in target) return target.error;
      if (!target.env) return `${source.env.name} has no next stage to promote to`;
      if (!source.env.release) return `${source.env.name} has no release to promote`;
      const blocked = locked(s, target.env);
      if (blocked) return blocked;
      s.request({ kind: 'promote', from: source.env.name, to: target.env.name });
      return undefined;
    },
  },
  {
    names: ['scale'],
    usage: ':scale <environment> web=3 worker+1',
    description: 'set or change process counts',
    changesEnvironment: true,
    complete: ['environment', 'process', 'process', 'process'],
    run([name, ...changes], { store }) {
      const s = store.getState();
      const found = findEnvironment(s, name);
      if ('error' in found) return found.error;
      if (changes.length === 0) return 'how many? e.g. :scale staging web=2 worker+1';
      const quantities = parseScaleArgs(changes, found.env.formation);
      if (typeof quantities === 'string') return quantities;
      const blocked = locked(s, found.env);
      if (blocked) return blocked;
      s.request({ kind: 'scale', env: found.env.name, quantities });
      return undefined;
    },
  },
  {
    names: ['restart'],
    usage: ':restart <environment> [type|dyno]',
    description: 'restart every process, a type, or one dyno',
    changesEnvironment: true,
    complete: ['environment', 'process'],
    run([name, target], { store }) {
      const s = store.getState();
      const found = findEnvironment(s, name);
      if ('error' in found) return found.error;
      const { env } = found;
      if (target && !(target in env.formation) && !env.dynos.some((d) => d.name === target))
        return `${env.name} has no process type or dyno "${target}"`;
      const blocked = locked(s, env);
      if (blocked) return blocked;
      s.request({ kind: 'restart', env: env.name, target });
      return undefined;
    },
  },
  {
    names: ['rollback'],
    usage: ':rollback <environment> [vN]',
    description: 'a new release from an earlier one (without vN: choose from a list)',
    changesEnvironment: true,
    complete: ['environment', 'release'],
    run([name, version], { store }) {
      const s = store.getState();
      const found = findEnvironment(s, name);
      if ('error' in found) return found.error;
      const { env } = found;
      const blocked = locked(s, env);
      if (blocked) return blocked;
      if (version && !/^v?\d+$/.test(version)) return `"${version}" is not a release like v12`;
      if (!version) {
        s.openDialog({ kind: 'pick-release', env: env.name, releases: 'loading', index: 0 });
        void s.loadRollbackChoices(env.name);
      } else s.request({ kind: 'rollback', env: env.name, release: version.startsWith('v') ? version : `v${version}` });
      return undefined;
    },
  },
  {
    names: ['maintenance'],
    usage: ':maintenance <environment> on|off',
    description: 'maintenance mode for an environment',
    changesEnvironment: true,
    complete: ['environment', 'on-off'],
    run([name, mode], { store }) {
      const s = store.getState();
      const found = findEnvironment(s, name);
      if ('error' in found) return found.error;
      if (mode !== 'on' && mode !== 'off') return 'on or off? e.g. :maintenance staging on';
      const blocked = locked(s, found.env);
      if (blocked) return blocked;
      s.request({ kind: 'maintenance', env: found.env.name, on: mode === 'on' });
      return undefined;
    },
  },
  {
    names: ['ack'],
    usage: ':ack [all]',
    description: 'acknowledge the selected alert, or every firing one',
    run([which], { store }) {
      const s = store.getState();
      if (which === 'all') {
        const firing = s.alerts.filter((a) => a.state === 'firing');
        if (firing.length === 0) return 'no alert is firing';
        for (const a of firing) s.acknowledgeAlert(a.id);
        return undefined;
      }
      if (which) return ':ack acknowledges the selected alert; :ack all every firing one';
      const alert = selectedAlert(s);
      if (!alert) return 'no alert selected';
      s.acknowledgeAlert(alert.id);
      return undefined;
    },
  },
  {
    names: ['silence'],
    usage: ':silence <duration>',
    description: 'silence the selected alert for a while (15m, 1h, 4h, 24h…)',
    complete: ['duration'],
    run([text], { store }) {
      const s = store.getState();
      const ms = parseDuration(text);
      if (!ms) return 'for how long? e.g. :silence 1h (s, m, h or d)';
      const alert = selectedAlert(s);
      if (!alert) return 'no alert selected';
      s.silenceAlert(alert.id, ms);
      return undefined;
    },
  },
  {
    names: ['report'],
    usage: ':report [since] [environment]',
    description: 'the outcomes report for a period (30d, 12w, 2026-10-01) and environment (production)',
    complete: ['period', 'environment'],
    run([since, name], { store }) {
      const s = store.getState();
      if (!s.platform) return 'no platform is configured, so there are no releases';
      if (name && !s.environments.some((e) => e.name === name)) return findEnvironment(s, name).error;
      s.showOutcomeReport({ ...(since ? { since } : {}), ...(name ? { env: name } : {}) });
      return undefined;
    },
  },
  {
    names: ['q', 'quit'],
    usage: ':q',
    description: 'quit (environments keep running)',
    run(_args, { quit }) {
      quit();
      return undefined;
    },
  },
];
