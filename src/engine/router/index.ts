export { createRouter } from './router.js';
export type { Backend, FormationState, Router, RouterOptions } from './types.js';
export { formatRouterLine, type RouterLineFields } from './router-line.js';
