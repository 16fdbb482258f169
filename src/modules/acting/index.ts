export { type Acting, actingFor } from './acting-for.ts';
export { resolveActor } from './resolve-actor.ts';
