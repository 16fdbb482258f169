import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import or re-export between two files of `src/`, paths relative to the repository. */
export interface ImportEdge {
  from: string;
  to: string;
  /**
   * `import type` / `export type … from`: erased when the code runs, so it cannot make a cycle at
   * runtime. Under `verbatimModuleSyntax`, `import { type A }` is kept (as `import {}`) and counts.
   */
  typeOnly: boolean;
}

/** Every `.ts`/`.tsx` file under `dir`, relative to `root`, tests left out (nothing imports a test). */
export function sourceFiles(root: string, dir = 'src'): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .sort();
}

/** The relative imports of each file, read with the TypeScript parser (static, re-exports, dynamic). */
export function readImports(root: string, files: string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(root, from), 'utf8');
    const source = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
    const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
      if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
      edges.push({ from, to: path.posix.join(path.posix.dirname(from), specifier.text), typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
      else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node.arguments[0], false);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

/** Where a file belongs: the kernel, one module, the module list, or the rest of the composition. */
export function unitOf(file: string): string {
  if (file.startsWith('src/platform/')) return 'platform';
  if (file === 'src/modules/index.ts') return 'module list';
  const module = /^src\/modules\/([^/]+)\//.exec(file)?.[1];
  return module ?? 'composition';
}

const isInterface = (file: string) => /^src\/modules\/[^/]+\/index\.ts$/.test(file);
const isWiringEntry = (file: string) => /^src\/modules\/[^/]+\/module\.tsx?$/.test(file);

/** The files of one module reachable from `start` through the module's own imports. */
function reachable(start: string, edges: ImportEdge[]): Set<string> {
  const unit = unitOf(start);
  const seen = new Set<string>();
  const stack = [start];
  for (let file = stack.pop(); file !== undefined; file = stack.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const e of edges) if (e.from === file && unitOf(e.to) === unit) stack.push(e.to);
  }
  return seen;
}

const wiringName = /\/(module\.tsx?|[\w-]*routes\.tsx?|my-space\.tsx?|jobs\.ts)$|\/(views|migrations)\//;

/**
 * A module's wiring, known by its name: `module.ts`, routes, views, jobs, migrations, "my space".
 * A view its `index.ts` exports is public all the same. Everything else — domain functions used only
 * by routes included — is the public side, held to the layer order.
 */
export function wiringFiles(files: string[], edges: ImportEdge[]): Set<string> {
  const publicSide = new Set(files.filter(isInterface).flatMap((entry) => [...reachable(entry, edges)]));
  return new Set(
    files.filter((f) => f.startsWith('src/modules/') && wiringName.test(f) && !publicSide.has(f)),
  );
}

/** Runtime cycles between files, each as the list of its files (strongly connected components). */
export function runtimeCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm; recursive, which a source tree allows: the depth is its longest import chain.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === file) break;
    }
    if (component.length > 1 || next.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of next.keys()) if (!index.has(file)) connect(file);
  return cycles;
}

/**
 * What breaks the direction of the code, one sentence per problem; none when it holds.
 * `layers` lists the modules lowest first, as recorded in ARCHITECTURE.md.
 */
export function directionProblems(files: string[], edges: ImportEdge[], layers: string[]): string[] {
  const problems: string[] = [];
  const wiring = wiringFiles(files, edges);
  const modules = new Set(
    files.map(unitOf).filter((u) => !['platform', 'module list', 'composition'].includes(u)),
  );
  for (const m of modules)
    if (!layers.includes(m)) problems.push(`module ${m} has no place in the layer order`);
  for (const { from, to } of edges) {
    const [source, target] = [unitOf(from), unitOf(to)];
    if (source === target) continue;
    if (source === 'platform') {
      problems.push(`${from} → ${to}: the platform kernel imports no module`);
      continue;
    }
    if (isWiringEntry(to)) {
      if (source !== 'module list')
        problems.push(`${from} → ${to}: only src/modules/index.ts imports a module's wiring`);
      continue;
    }
    if (!modules.has(target)) continue;
    if (!isInterface(to)) {
      problems.push(`${from} → ${to}: another module is reached through its index.ts`);
      continue;
    }
    // Wiring is imported only by the module list, so it may use any module without closing a circle.
    if (!layers.includes(source) || !layers.includes(target) || wiring.has(from)) continue;
    if (layers.indexOf(target) >= layers.indexOf(source))
      problems.push(`${from} → ${to}: ${source} sits below ${target} in the layer order`);
  }
  for (const cycle of runtimeCycles(edges)) {
    const units = new Set(cycle.map(unitOf));
    if (units.size > 1)
      problems.push(
        `import cycle between ${[...units].join(', ')}: ${loopThrough(cycle, edges).join(' → ')}`,
      );
  }
  return problems;
}

/** One loop inside a cycle's files, from its first file back to it, for a message one can follow. */
function loopThrough(cycle: string[], edges: ImportEdge[]): string[] {
  const [start = ''] = cycle;
  const inCycle = new Set(cycle);
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const e of edges) {
      if (e.typeOnly || e.from !== file || !inCycle.has(e.to) || cameFrom.has(e.to)) continue;
      cameFrom.set(e.to, file);
      if (e.to === start) {
        const loop = [start];
        for (let back = file; back !== start; back = cameFrom.get(back) ?? start) loop.unshift(back);
        return [start, ...loop];
      }
      queue.push(e.to);
    }
  }
  return cycle;
}
