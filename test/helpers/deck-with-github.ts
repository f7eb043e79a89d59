// The deck over an in-memory platform and a GitHub-like server, focused on the Environments
// pane; `busyOn` has dana's deployment to that environment still in progress on GitHub.
import { renderDeck } from './render-deck.js';
import { memoryPlatform, type MemoryPlatform } from './memory-platform.js';
import { waitFor, waitForFrame } from './wait-for-frame.js';
import { serviceFor, startServer } from '../services/github/helpers.js';
import type { AuditEntry } from '../../src/services/audit/audit-log.js';

export async function deckWithGitHub(opts: {
  busyOn?: string;
  /** Changes the platform once GitHub's world exists (e.g. releases built from its commits). */
  prepare?: (platform: MemoryPlatform, server: Awaited<ReturnType<typeof startServer>>) => void;
}) {
  const server = await startServer();
  if (opts.busyOn) {
    const theirs = server.world.addDeployment({ ref: 'main', environment: opts.busyOn, creator: 'dana' });
    server.world.addDeploymentStatus(theirs, 'in_progress', { creator: 'dana' });
  }
  const platform = memoryPlatform();
  opts.prepare?.(platform, server);
  const github = await serviceFor(server);
  const audit: AuditEntry[] = [];
  const deck = await renderDeck({ platform, github, audit: { write: async (e) => void audit.push(e) } });
  await waitForFrame(deck.lastFrame, 'production');
  deck.stdin.write('2');
  await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
  return { ...deck, server, platform, audit };
}
