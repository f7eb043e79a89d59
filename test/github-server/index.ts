export { createGitHubTestServer, type GitHubTestServer, type RequestRecord, type RouteCount } from './server.js';
export type { GitHubTestServerOptions, SeedIssue, SeedPull } from './options.js';
export { World } from './world.js';
export { seedBusyRepo } from './seed.js';
