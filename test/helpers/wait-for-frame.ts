// Waits for what a user would see instead of sleeping a fixed time. The default limit is
// only where a wait gives up as failed, never a speed claim: on a loaded 2-core machine a
// log session or a render can take seconds, so it is generous.
export const WAIT_LIMIT_MS = 15_000;

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = WAIT_LIMIT_MS,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForFrame(
  lastFrame: () => string | undefined,
  text: string | RegExp | ((frame: string) => boolean),
  timeoutMs = WAIT_LIMIT_MS,
): Promise<string> {
  const matches = (frame: string) =>
    typeof text === 'string' ? frame.includes(text) : typeof text === 'function' ? text(frame) : text.test(frame);
  return waitFor(
    () => {
      const frame = lastFrame() ?? '';
      return matches(frame) ? frame : undefined;
    },
    () => `a frame showing ${String(text)}; last frame:\n${lastFrame() ?? ''}`,
    timeoutMs,
  );
}
