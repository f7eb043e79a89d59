// A local Heroku Platform API for tests: see server.ts.
export { createHerokuTestServer, type HerokuTestServer, type RequestRecord } from './server.js';
export type {
  DynoField,
  HerokuTestServerOptions,
  LogFormat,
  ReleaseField,
  SeedApp,
  SeedRelease,
  Stage,
} from './options.js';
export { DEFAULT_RELEASE_FAILURE } from './lifecycle.js';
