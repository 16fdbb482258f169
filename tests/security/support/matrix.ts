import { randomUUID } from 'node:crypto';
import type { CollectedRoute } from '../../../src/platform/http/app.tsx';
import { isObjectBound } from '../../../src/platform/http/decision-trace.ts';
import {
  type Audience,
  type ParamKind,
  paramKind,
  type RoutePolicy,
  routePolicies,
} from '../route-policy.ts';
import type { ActorName, Cast, Owner } from './cast.ts';
import { statementMonth } from './narcotics-objects.ts';

/**
 * Whose object a cell probes: an owner's own, an IDOR probe nobody may reach, or an owner's draft of a
 * form whose service asks for more than the cast's level (`aboveLevel`: refused to its holder too).
 */
export type Target = Owner | 'mixed' | 'random' | 'deleted' | 'aboveLevel';

export interface Cell {
  route: CollectedRoute;
  actor: ActorName;
  target: Target;
  path: string;
  /** Whether the actor must get through (`true`) or be refused. */
  expected: boolean;
  /** Object-bound routes are judged on the object; the others on their access level only. */
  judged: 'object' | 'access';
  /** An allowed call may answer 404: a part it names (a page, a file) is not in the fixtures. */
  mayBeAbsent: boolean;
  /** The object in the path an allowed call uses up, to be replaced by a fresh one of its owner. */
  usesUp?: { kind: ParamKind; owner: Owner; id: string };
}

export const routeKey = (route: Pick<CollectedRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

const persons: ActorName[] = [
  'citizenA',
  'citizenB',
  'repActive',
  'repExpired',
  'repRevoked',
  'pharmacy',
  'healthProfessional',
];
type Home = 'X' | 'Y' | 'N' | 'C';
const staffOf: Record<Home, ActorName[]> = {
  X: ['agentX', 'adminX'],
  Y: ['agentY'],
  N: ['agentNarcotics'],
  C: ['cantonAdmin'],
};
const staff: ActorName[] = ['agentX', 'adminX', 'agentY', 'cantonAdmin', 'agentNarcotics'];
const keys: ActorName[] = ['keyX', 'keyY', 'keyCanton', 'keyNarcotics'];
const keyOf: Record<Home, ActorName> = { X: 'keyX', Y: 'keyY', N: 'keyNarcotics', C: 'keyCanton' };
const homeOf: Record<Owner, Home> = { A: 'X', B: 'Y', X: 'X', Y: 'Y', N: 'N', C: 'C' };

/** Whether `audience` lets `actor` reach an object of `owner`, as the route policy declares it. */
export function reaches(audience: Audience, actor: ActorName, owner: Owner): boolean {
  const home = homeOf[owner];
  switch (audience) {
    case 'holder':
      return (actor === 'citizenA' && owner === 'A') || (actor === 'citizenB' && owner === 'B');
    case 'holderOrRep':
      return reaches('holder', actor, owner) || (actor === 'repActive' && owner === 'A');
    case 'mandateAgent':
      return actor === 'citizenB' && owner === 'A';
    case 'agent':
      return staffOf[home].includes(actor);
    case 'admin':
    case 'designer':
      return actor === 'adminX' && home === 'X';
    case 'key':
      return actor === keyOf[home];
    case 'person':
      return [...persons, ...staff].includes(actor);
    case 'staff':
      return staff.includes(actor);
    case 'apiClient':
      return keys.includes(actor);
    case 'self':
      return [...persons, ...staff].includes(actor) && !actor.startsWith('rep');
    case 'selfOrRep':
      return reaches('self', actor, owner) || actor === 'repActive';
    case 'designerAny':
      return actor === 'adminX' || actor === 'cantonAdmin';
    case 'pharmacy':
      return actor === 'pharmacy';
    case 'inHealthRegister':
      // the pharmacy is also an institution of the register (its UID is one of the simulator's)
      return actor === 'healthProfessional' || actor === 'pharmacy';
    case 'signatory':
      return actor === 'citizenA';
  }
}

/** Who passes a route's first gate, its `access` level. */
function passesAccess(route: CollectedRoute, actor: ActorName): boolean {
  switch (route.access) {
    case 'anonymous':
    case 'metrics':
    case 'machine':
      return true;
    case 'person':
      // The cast logged in with a substantial means: a route that needs more sends them to step up.
      return [...persons, ...staff].includes(actor) && route.level !== 'high';
    case 'staff':
      return staff.includes(actor) && route.level !== 'high';
    case 'platformAdmin':
      return false;
    case 'apiClient':
      return keys.includes(actor);
  }
}

/** What can go wrong in enumerating: a route with no policy line, a parameter of unknown kind. */
export interface Gap {
  route: string;
  problem: string;
}

/**
 * Every cell of the matrix: each route (from the router's own table) × each actor × the objects of A,
 * B, X and Y its parameters can name, plus the IDOR probes (another authority's object under one's own
 * authority, a random id, a deleted one).
 */
export function cellsOf(routes: readonly CollectedRoute[], cast: Cast, actors: readonly ActorName[]) {
  const cells: Cell[] = [];
  const gaps: Gap[] = [];
  const skipped: string[] = [];
  for (const route of routes) {
    const key = routeKey(route);
    // Server-to-server endpoints prove who calls with a signature of their own: the hostile-input suite.
    if (route.access === 'machine') {
      skipped.push(key);
      continue;
    }
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
    const bound = isObjectBound(route);
    const policy: RoutePolicy | undefined = routePolicies[key];
    if (bound && !policy) {
      gaps.push({ route: key, problem: 'no line in tests/security/route-policy.ts' });
      continue;
    }
    if (!bound && !policy) {
      const path = fillPublic(route.path, cast);
      for (const actor of actors)
        cells.push({
          route,
          actor,
          target: 'X',
          path,
          expected: passesAccess(route, actor),
          judged: 'access',
          mayBeAbsent: true,
        });
      continue;
    }
    const kinds = Object.fromEntries(names.map((n) => [n, paramKind(route.path, n, policy)]));
    const unknown = names.filter((n) => !kinds[n]);
    if (unknown.length > 0) {
      gaps.push({ route: key, problem: `parameter of unknown kind: ${unknown.join(', ')}` });
      continue;
    }
    const main =
      names.filter((n) => kinds[n] !== 'sub' && kinds[n] !== 'authority').at(-1) ??
      names.filter((n) => kinds[n] === 'authority').at(-1);
    const audience = policy?.audience ?? 'person';
    const mayBeAbsent = names.some((n) => kinds[n] === 'sub' && !subValues[n]);
    const fill = (owner: Owner, override?: { name: string; value: string }) => {
      let path = route.path;
      for (const name of names) {
        const kind = kinds[name] as ParamKind;
        const value =
          override?.name === name
            ? override.value
            : kind === 'sub'
              ? subValue(name)
              : kind === 'authority' && name !== main
                ? cast.slugs[homeOf[owner]]
                : kind === 'authority'
                  ? cast.slugs[homeOf[owner]]
                  : cast.objects[owner][kind];
        if (value === undefined || value === '') return undefined;
        path = path.replace(`:${name}`, encodeURIComponent(value));
      }
      return path;
    };
    const targets: { target: Target; path: string | undefined; owner?: Owner }[] = [];
    if (!main) {
      // A route of one authority's only (`onlyAt`) acts on that authority's behalf.
      targets.push({ target: policy?.onlyAt ?? 'X', path: fill('X'), owner: policy?.onlyAt });
    } else {
      const mainKind = kinds[main] as ParamKind;
      for (const owner of ['A', 'B', 'X', 'Y', 'N', 'C'] as const)
        if (
          mainKind === 'authority'
            ? owner === 'X' || owner === 'Y' || owner === policy?.onlyAt
            : cast.objects[owner][mainKind]
        )
          targets.push({ target: owner, path: fill(owner), owner });
      const first = targets[0]?.owner ?? 'A';
      const other = targets.find((t) => t.owner && homeOf[t.owner] !== homeOf[first])?.owner;
      const authorityParam = names.find((n) => kinds[n] === 'authority' && n !== main);
      if (authorityParam && other)
        targets.push({
          target: 'mixed',
          path: fill(other, { name: authorityParam, value: cast.slugs[homeOf[first]] }),
        });
      const randomValue = mainKind === 'authority' || mainKind === 'service' ? 'no-such-thing' : randomUUID();
      targets.push({ target: 'random', path: fill(first, { name: main, value: randomValue }) });
      const deleted = mainKind === 'draft' ? cast.objects[first].deletedDraft : undefined;
      if (deleted) targets.push({ target: 'deleted', path: fill(first, { name: main, value: deleted }) });
      const aboveLevel =
        mainKind === 'draft' || policy?.asksObjectLevel
          ? cast.objects[first][`aboveLevel${mainKind.charAt(0).toUpperCase()}${mainKind.slice(1)}`]
          : undefined;
      if (aboveLevel)
        targets.push({ target: 'aboveLevel', path: fill(first, { name: main, value: aboveLevel }) });
    }
    if (targets.every((t) => t.path === undefined))
      gaps.push({ route: key, problem: 'no object of this kind in the fixtures' });
    for (const { target, path, owner } of targets) {
      if (path === undefined) continue;
      for (const actor of actors) {
        const expected =
          passesAccess(route, actor) &&
          (!policy?.onlyAt || owner === policy.onlyAt) &&
          (owner ? reaches(audience, actor, owner) : !main ? reaches(audience, actor, 'X') : false);
        const id = main && owner ? cast.objects[owner][kinds[main] as ParamKind] : undefined;
        const usesUp =
          policy?.usesUp && expected && owner && id
            ? { kind: kinds[main as string] as ParamKind, owner, id }
            : undefined;
        cells.push({ route, actor, target, path, expected, judged: 'object', mayBeAbsent, usesUp });
      }
    }
  }
  return { cells, gaps, skipped };
}

/** Parameters of routes that take no object decision: a real public value, or a token nobody holds. */
function fillPublic(path: string, cast: Cast): string {
  return path
    .replace(':commune', cast.slugs.X)
    .replace(':slug', cast.objects.X.service ?? cast.slugs.X)
    .replace(':provider', 'dev')
    .replace(':commune', cast.slugs.X)
    .replace(/:\w+/g, () => randomUUID())
    .replace('*', 'x');
}

/** Parts inside the fixtures' objects: the one-question form's step and field, an export format. */
const subValues: Record<string, string> = {
  fieldId: 'purpose',
  stepId: 'who',
  format: 'csv',
  month: statementMonth,
};

function subValue(name: string): string {
  return subValues[name] ?? randomUUID();
}
