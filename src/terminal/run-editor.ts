// Runs the user's editor on a file. $VISUAL / $EDITOR is a command line the user wrote
// (`code --wait`, `vim -u NONE`), so it runs through `sh -c`, with the file passed as a
// positional argument ("$1"), never spliced into the command text. The editor inherits
// the terminal; the caller hands it over first (terminal-handoff.ts).
import { execa } from 'execa';

export type EditorOutcome = { ok: true } | { ok: false; reason: string };

/** The editor command line: $VISUAL, else $EDITOR, else vi. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  for (const name of ['VISUAL', 'EDITOR'] as const) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return 'vi';
}

export async function runEditor(file: string, env: NodeJS.ProcessEnv = process.env): Promise<EditorOutcome> {
  const editor = editorCommand(env);
  const result = await execa('sh', ['-c', `${editor} "$1"`, 'sh', file], {
    stdio: 'inherit',
    reject: false,
    env,
    extendEnv: false,
  });
  return editorOutcome(editor, result);
}

/** What the editor's exit means for the user. */
export function editorOutcome(
  editor: string,
  result: { exitCode?: number; signal?: string; failed: boolean; shortMessage?: string },
): EditorOutcome {
  // The end of a long path or command names it best (…/bin/nvim).
  const shown = editor.length > 40 ? `…${editor.slice(-39)}` : editor;
  if (!result.failed) return { ok: true };
  if (result.exitCode === 127)
    return { ok: false, reason: `the editor "${shown}" was not found (set $VISUAL or $EDITOR)` };
  if (result.exitCode === 126) return { ok: false, reason: `the editor "${shown}" cannot be run (not executable)` };
  if (result.exitCode !== undefined)
    return { ok: false, reason: `the editor "${shown}" exited with ${result.exitCode}` };
  if (result.signal) return { ok: false, reason: `the editor "${shown}" was stopped by ${result.signal}` };
  return { ok: false, reason: `the editor "${shown}" could not start: ${result.shortMessage ?? 'unknown error'}` };
}
