// Where `dynodeck demo` keeps its example project when no --dir is given.
import os from 'node:os';
import path from 'node:path';

export function defaultDemoDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  // The XDG spec says relative values are invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'dynodeck', 'demo');

  const home = env.HOME || os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'dynodeck', 'demo');
  return path.join(home, '.local', 'state', 'dynodeck', 'demo');
}

/** The command that rebuilds this demo, as the user would type it (a folder with odd characters single-quoted). */
export function demoResetCommand(dir: string | undefined, example: string): string {
  const quoted = (s: string) => (/^[\w./~-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  return [
    'dynodeck demo',
    ...(dir ? ['--dir', quoted(dir)] : []),
    ...(example !== 'brightcart' ? ['--example', example] : []),
    '--reset',
  ].join(' ');
}
