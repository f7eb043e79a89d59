import { describe, expect, it } from 'vitest';
import { createTerminalHandoff, LATE_INTERRUPT_MS } from '../../src/terminal/terminal-handoff.js';
import { editorCommand, editorOutcome, runEditor } from '../../src/terminal/run-editor.js';

function fakeTerminal() {
  const events: string[] = [];
  const stdout = {
    columns: 120,
    rows: 40,
    isTTY: true,
    write(chunk: string) {
      events.push(`write ${JSON.stringify(chunk)}`);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const stdin = {
    isTTY: true,
    pause: () => events.push('stdin paused'),
    setRawMode: (on: boolean) => events.push(`stdin raw ${on}`),
  } as unknown as NodeJS.ReadStream;
  return { events, stdout, stdin };
}

describe('handing the terminal to another program', () => {
  it('leaves the screen, stops raw mode and reading first, draws nothing meanwhile, and comes back redrawn', async () => {
    const { events, stdout, stdin } = fakeTerminal();
    const handoff = createTerminalHandoff({ stdin, stdout });
    handoff.connect({
      setRawMode: (on) => events.push(`ink raw ${on}`),
      redraw: () => handoff.stdout.write('frame'),
    });
    handoff.stdout.write('before');
    const result = await handoff.handOver(async () => {
      events.push('editor runs');
      expect(handoff.suspended).toBe(true);
      handoff.stdout.write('a frame from a poller');
      return 42;
    });
    expect(result).toBe(42);
    expect(handoff.suspended).toBe(false);
    expect(handoff.stdout.columns).toBe(120);
    expect(events).toEqual([
      'write "before"',
      'write "\\u001b[?25h\\u001b[?1049l"',
      'ink raw false',
      'stdin paused',
      'editor runs',
      'write "\\u001b[?1049h\\u001b[2J\\u001b[H\\u001b[?25l"',
      'ink raw true',
      'write "frame"',
    ]);
  });

  it("counts a SIGINT as the program's while it has the terminal and for a moment after, when it can still arrive late", async () => {
    const { stdout, stdin } = fakeTerminal();
    let clock = 5_000;
    const handoff = createTerminalHandoff({ stdin, stdout, now: () => clock });
    expect(handoff.interruptBelongsToProgram()).toBe(false);
    await handoff.handOver(async () => {
      clock += 30_000;
      expect(handoff.interruptBelongsToProgram()).toBe(true);
    });
    expect(handoff.interruptBelongsToProgram()).toBe(true);
    clock += LATE_INTERRUPT_MS - 1;
    expect(handoff.interruptBelongsToProgram()).toBe(true);
    clock += 1;
    expect(handoff.interruptBelongsToProgram()).toBe(false);
  });

  it('takes the terminal back even when the program fails, and refuses a second handover meanwhile', async () => {
    const { events, stdout, stdin } = fakeTerminal();
    const handoff = createTerminalHandoff({ stdin, stdout });
    let second: Promise<unknown> | undefined;
    await expect(
      handoff.handOver(async () => {
        second = handoff.handOver(async () => 1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(second).rejects.toThrow('another program has the terminal already');
    expect(events.at(-1)).toBe('stdin raw true');
    handoff.stdout.write('drawn again');
    expect(events.at(-1)).toBe('write "drawn again"');
  });
});

describe("the user's editor", () => {
  it('is $VISUAL, else $EDITOR, else vi', () => {
    expect(editorCommand({ VISUAL: 'code --wait', EDITOR: 'nano' })).toBe('code --wait');
    expect(editorCommand({ VISUAL: ' ', EDITOR: 'vim -u NONE' })).toBe('vim -u NONE');
    expect(editorCommand({})).toBe('vi');
  });

  it('runs as a command line with the file as its argument, never spliced into the command', async () => {
    const { mkdtemp, readFile, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-editor-'));
    try {
      const file = path.join(dir, 'a file; touch hacked $(touch hacked2).md');
      await writeFile(file, 'x');
      const outcome = await runEditor(file, { PATH: process.env.PATH, EDITOR: 'printf "%s|" done >>' });
      expect(outcome).toEqual({ ok: true });
      expect(await readFile(file, 'utf8')).toBe('xdone|');
      const { readdir } = await import('node:fs/promises');
      expect((await readdir(dir)).sort()).toEqual(['a file; touch hacked $(touch hacked2).md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says what went wrong when it is missing, cannot run, fails or is killed', () => {
    expect(editorOutcome('nvim', { failed: true, exitCode: 127 })).toEqual({
      ok: false,
      reason: 'the editor "nvim" was not found (set $VISUAL or $EDITOR)',
    });
    expect(editorOutcome('x', { failed: true, exitCode: 126 }).ok).toBe(false);
    expect(editorOutcome('vim', { failed: true, exitCode: 1 })).toEqual({
      ok: false,
      reason: 'the editor "vim" exited with 1',
    });
    expect(editorOutcome('vim', { failed: true, signal: 'SIGKILL' })).toEqual({
      ok: false,
      reason: 'the editor "vim" was stopped by SIGKILL',
    });
    expect(editorOutcome('vim', { failed: false, exitCode: 0 })).toEqual({ ok: true });
  });
});
