// Keys of an open prompt: the Logs pane's filter/search prompt and the `:` line.
// Printable keys are typed into it before this table is asked.
import type { DeckState } from '../../store/deck-state.js';
import type { Command, CommandContext } from './command.js';

export interface PromptActions {
  /** Runs the `:` line (see run-line.ts); set by the table so this file stays free of it. */
  submitCommandLine(ctx: CommandContext): void;
  completeCommandLine(ctx: CommandContext): void;
}

function edit(ctx: CommandContext, change: (value: string) => string) {
  const s = ctx.store.getState();
  if (s.commandLine) s.editCommandLine(change(s.commandLine.value));
  else if (s.logPrompt) s.editLogPrompt(change(s.logPrompt.value));
}

const onCommandLine = (s: DeckState) => (s.commandLine ? undefined : 'only the : line completes and recalls');

export function promptCommands(actions: PromptActions): Command[] {
  return [
    {
      id: 'prompt.submit',
      title: 'run',
      description: 'run the command, or apply the filter or search',
      keys: ['Enter'],
      scope: 'prompt',
      footer: true,
      run: (ctx) => {
        const s = ctx.store.getState();
        if (s.commandLine) actions.submitCommandLine(ctx);
        else s.submitLogPrompt();
      },
    },
    {
      id: 'prompt.cancel',
      title: 'cancel',
      description: 'close the prompt (an empty filter or search prompt also clears it)',
      keys: ['Esc'],
      scope: 'prompt',
      footer: true,
      run: ({ store }) => {
        const s = store.getState();
        if (s.commandLine) s.closeCommandLine();
        else s.cancelLogPrompt();
      },
    },
    {
      id: 'prompt.complete',
      title: 'complete',
      description: 'complete a command, environment, ticket or process type',
      keys: ['Tab'],
      scope: 'prompt',
      footer: true,
      disabledReason: onCommandLine,
      run: (ctx) => actions.completeCommandLine(ctx),
    },
    {
      id: 'prompt.older',
      title: 'history',
      description: 'recall the previous command',
      keys: ['Up'],
      scope: 'prompt',
      footer: true,
      disabledReason: onCommandLine,
      run: ({ store }) => store.getState().recallCommand(-1),
    },
    {
      id: 'prompt.newer',
      title: 'newer',
      description: 'recall the next command',
      keys: ['Down'],
      scope: 'prompt',
      disabledReason: onCommandLine,
      run: ({ store }) => store.getState().recallCommand(1),
    },
    {
      id: 'prompt.erase',
      title: 'erase',
      description: 'erase the last character',
      keys: ['Backspace'],
      scope: 'prompt',
      run: (ctx) => edit(ctx, (v) => [...v].slice(0, -1).join('')),
    },
    {
      id: 'prompt.erase-word',
      title: 'erase word',
      description: 'erase the last word',
      keys: ['Ctrl+W'],
      scope: 'prompt',
      run: (ctx) => edit(ctx, (v) => v.replace(/\S*\s*$/, '')),
    },
    {
      id: 'prompt.clear',
      title: 'clear',
      description: 'erase everything typed',
      keys: ['Ctrl+U'],
      scope: 'prompt',
      run: (ctx) => edit(ctx, () => ''),
    },
  ];
}
