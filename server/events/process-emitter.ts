import { EventEmitter } from 'node:events';

/**
 * One emitter per process and name, kept on globalThis: Next.js bundles each route separately, and a
 * write in one route must wake the streams of another at once.
 */
export function processEmitter(name: string): EventEmitter {
  const key = Symbol.for(`gridatlas.emitter.${name}`);
  const g = globalThis as typeof globalThis & Record<symbol, EventEmitter | undefined>;
  let emitter = g[key];
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    g[key] = emitter;
  }
  return emitter;
}
