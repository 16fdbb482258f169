export { type Acting, actingFor } from './acting-for.ts';
export { actorWithSession, resolveActor } from './resolve-actor.ts';
