// Runs what was typed on the `:` line: a word command (`:deploy staging`), or any
// command by its id (`:zoom`, `:logs.wrap`). A refusal keeps the line open with the reason.
import { closestMatch } from '../../config/did-you-mean.js';
import { ticketRows } from '../present/ticket-rows.js';
import { SOURCE_CYCLE } from '../../store/log-view.js';
import type { CommandContext } from './command.js';
import { completeLine } from './complete-line.js';
import { LINE_COMMANDS } from './line-commands.js';
import { disabledReason } from './disabled-reason.js';

/** Runs the line; returns the error to show, or undefined when it ran. */
export function runLine(text: string, ctx: CommandContext): string | undefined {
  const [word, ...args] = text.trim().split(/\s+/);
  if (!word) return undefined;
  const line = LINE_COMMANDS.find((c) => c.names.includes(word));
  if (line) return line.run(args, ctx);
  const command = ctx.table.byId(word);
  if (command && command.scope !== 'dialog' && command.scope !== 'prompt') {
    if (args.length) return `:${word} takes no arguments`;
    const reason = disabledReason(command, ctx.store.getState());
    if (reason) return `${command.title}: ${reason}`;
    command.run(ctx);
    return undefined;
  }
  const names = [...LINE_COMMANDS.flatMap((c) => c.names), ...ctx.table.commands.map((c) => c.id)];
  const near = closestMatch(word, names);
  return `unknown command "${word}"${near ? ` — did you mean :${near}?` : ''} (Tab lists them)`;
}

export function submitCommandLine(ctx: CommandContext): void {
  const s = ctx.store.getState();
  const text = s.commandLine?.value ?? '';
  s.closeCommandLine();
  const error = runLine(text, ctx);
  if (error) {
    // Reopen with what was typed, so the user can fix it.
    ctx.store.getState().openCommandLine();
    ctx.store.getState().editCommandLine(text);
    ctx.store.getState().failCommandLine(error);
    return;
  }
  ctx.store.getState().rememberCommand(text.trim());
}

export function completeCommandLine(ctx: CommandContext): void {
  const s = ctx.store.getState();
  if (!s.commandLine) return;
  const rows = ticketRows(
    s.tickets,
    s.ticketProblems,
    s.branches,
    s.ticketLocations,
    s.environments.map((e) => e.name),
  );
  const result = completeLine(s.commandLine.value, {
    commands: LINE_COMMANDS,
    commandIds: ctx.table.commands.filter((c) => c.scope !== 'dialog' && c.scope !== 'prompt').map((c) => c.id),
    environments: s.environments.map((e) => e.name),
    tickets: rows.flatMap((r) => (r.kind === 'ticket' ? [r.ticket.id] : [])),
    processes: (name) => {
      const env = s.environments.find((e) => e.name === name);
      return env ? [...Object.keys(env.formation).filter((t) => t !== 'release'), ...env.dynos.map((d) => d.name)] : [];
    },
    sources: SOURCE_CYCLE,
  });
  s.editCommandLine(result.value);
  if (result.options.length) s.hintCommandLine(result.options.join('  '));
}
