// Picks the adapters the configuration asks for.
import type { LoadedConfig } from '../config/load-config.js';
import type { DeckServices } from '../store/create-deck-store.js';
import { createMarkdownTicketSource } from '../services/tickets/markdown-ticket-source.js';
import { createGitCodeHost } from '../services/git/git-code-host.js';

export function buildServices(loaded: LoadedConfig): DeckServices {
  const { config, root } = loaded;
  return {
    tickets: createMarkdownTicketSource({ root, dir: config.tickets.dir }),
    code: createGitCodeHost({ cwd: root, mainBranch: config.git.mainBranch }),
  };
}
