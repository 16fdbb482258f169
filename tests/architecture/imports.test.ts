import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  directionProblems,
  type ImportEdge,
  readImports,
  runtimeCycles,
  sourceFiles,
} from './import-graph.ts';

const root = path.join(import.meta.dirname, '../..');

/** The layer order as ARCHITECTURE.md records it, so that the document and the check cannot drift. */
function recordedLayers(): string[] {
  const text = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const order = /## Direction[\s\S]*?```text\n([^`]+)```/.exec(text)?.[1];
  if (!order) throw new Error('ARCHITECTURE.md has no layer order under "## Direction"');
  const [kernel, ...modules] = order.split('→').map((name) => name.trim());
  expect(kernel).toBe('platform');
  return modules;
}

describe('the direction of src/', () => {
  const files = sourceFiles(root);
  const edges = readImports(root, files);

  it('has no cycle between modules and no import against the layer order', () => {
    // Guards against a parser that sees nothing and so finds nothing wrong.
    expect(edges).toContainEqual({
      from: 'src/modules/index.ts',
      to: 'src/modules/accounts/module.ts',
      typeOnly: false,
    });
    expect(directionProblems(files, edges, recordedLayers())).toEqual([]);
  });

  it("keeps each module's index.ts to re-exports: functions and types, no wiring", () => {
    for (const file of files.filter((f) => /^src\/modules\/[^/]+\/index\.ts$/.test(f))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(path.join(root, file), 'utf8'),
        ts.ScriptTarget.Latest,
      );
      const other = source.statements.filter((s) => !(ts.isExportDeclaration(s) && s.moduleSpecifier));
      expect(other.map((s) => `${file}: ${s.getText(source).slice(0, 60)}`)).toEqual([]);
    }
  });
});

/**
 * The business applications' stand-ins talk to Guichet only through its API and webhooks, as the
 * real ones would; a digital service builds on the modules' interfaces, never on another service.
 */
const businessApplications = [
  'communal-erp',
  'sion-app',
  'debt-register',
  'tax-system',
  'narcotics-register',
  'health-register',
  'swiyu-verifier',
  'swiyu-issuer',
  'swiyu-wallet',
];

describe('digital services and business applications', () => {
  const files = sourceFiles(root);
  const edges = readImports(root, files);

  it("lets a digital service import the kernel, modules' index.ts and its own folder only", () => {
    const wrong = edges.filter(({ from, to }) => {
      const service = /^src\/services\/([^/]+)\//.exec(from)?.[1];
      if (!service) return false;
      return !(
        to.startsWith('src/platform/') ||
        /^src\/modules\/[^/]+\/index\.ts$/.test(to) ||
        to.startsWith(`src/services/${service}/`)
      );
    });
    expect(wrong).toEqual([]);
  });

  it('keeps modules and the kernel from importing a digital service', () => {
    const wrong = edges.filter(
      ({ from, to }) => /^src\/(modules|platform)\//.test(from) && to.startsWith('src/services/'),
    );
    expect(wrong).toEqual([]);
  });

  it("keeps the business applications' simulators to the kernel and their own folder", () => {
    for (const name of businessApplications)
      expect(files.some((f) => f.startsWith(`src/simulators/${name}/`))).toBe(true);
    const wrong = edges.filter(({ from, to }) => {
      const name = /^src\/simulators\/([^/]+)\//.exec(from)?.[1];
      if (!name || !businessApplications.includes(name)) return false;
      return !(to.startsWith('src/platform/') || to.startsWith(`src/simulators/${name}/`));
    });
    expect(wrong).toEqual([]);
  });
});

describe('the import check on a small graph', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });
  const check = (edges: ImportEdge[], layers = ['low', 'high']) =>
    directionProblems([...new Set(edges.flatMap((e) => [e.from, e.to]))], edges, layers);

  it('reports a cycle between two modules, and the import that goes the wrong way', () => {
    const problems = check([
      edge('src/modules/low/index.ts', 'src/modules/low/thing.ts'),
      edge('src/modules/low/thing.ts', 'src/modules/high/index.ts'),
      edge('src/modules/high/index.ts', 'src/modules/low/index.ts'),
    ]);
    expect(problems).toEqual([
      'src/modules/low/thing.ts → src/modules/high/index.ts: low sits below high in the layer order',
      'import cycle between high, low: src/modules/high/index.ts → src/modules/low/index.ts → ' +
        'src/modules/low/thing.ts → src/modules/high/index.ts',
    ]);
  });

  it('reports a wrong-way import that makes no cycle, even a type-only one', () => {
    expect(check([edge('src/modules/low/index.ts', 'src/modules/high/index.ts', true)])).toEqual([
      'src/modules/low/index.ts → src/modules/high/index.ts: low sits below high in the layer order',
    ]);
    expect(check([edge('src/modules/high/index.ts', 'src/modules/low/index.ts')])).toEqual([]);
  });

  it("lets a module's wiring use modules above it, since only the module list imports it", () => {
    const wiring = [
      edge('src/modules/index.ts', 'src/modules/low/module.ts'),
      edge('src/modules/low/module.ts', 'src/modules/low/routes.tsx'),
      edge('src/modules/low/routes.tsx', 'src/modules/high/index.ts'),
    ];
    expect(check(wiring)).toEqual([]);
    // Once the public side reaches the routes, their upward import counts against it.
    expect(check([...wiring, edge('src/modules/low/index.ts', 'src/modules/low/routes.tsx')])).toEqual([
      'src/modules/low/routes.tsx → src/modules/high/index.ts: low sits below high in the layer order',
    ]);
  });

  it('holds a domain function to the order even when only routes call it (can() belongs in the route)', () => {
    expect(
      check([
        edge('src/modules/low/routes.tsx', 'src/modules/low/update-branding.ts'),
        edge('src/modules/low/update-branding.ts', 'src/modules/high/index.ts'),
      ]),
    ).toEqual([
      'src/modules/low/update-branding.ts → src/modules/high/index.ts: low sits below high in the layer order',
    ]);
  });

  it('reports the kernel importing a module, a module reached past its index.ts, stray wiring imports', () => {
    expect(
      check([
        edge('src/platform/http/app.tsx', 'src/modules/low/index.ts'),
        edge('src/modules/high/index.ts', 'src/modules/low/tables.ts', true),
        edge('src/runtime/build-app.ts', 'src/modules/low/module.ts'),
        edge('src/modules/other/index.ts', 'src/modules/low/index.ts'),
      ]),
    ).toEqual([
      'module other has no place in the layer order',
      'src/platform/http/app.tsx → src/modules/low/index.ts: the platform kernel imports no module',
      'src/modules/high/index.ts → src/modules/low/tables.ts: another module is reached through its index.ts',
      "src/runtime/build-app.ts → src/modules/low/module.ts: only src/modules/index.ts imports a module's wiring",
    ]);
  });

  it('counts only imports that remain when the code runs as cycles', () => {
    const loop = [edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/a.ts', true)];
    expect(runtimeCycles(loop)).toEqual([]);
    expect(runtimeCycles([loop[0] as ImportEdge, edge('src/b.ts', 'src/a.ts')])).toEqual([
      ['src/a.ts', 'src/b.ts'],
    ]);
  });
});

describe('reading imports', () => {
  it('finds static, re-exported and dynamic imports, and tells the erased ones', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    mkdirSync(path.join(dir, 'src/sub'), { recursive: true });
    writeFileSync(
      path.join(dir, 'src/a.ts'),
      [
        "import type { T } from './sub/types.ts';",
        "import { type U } from './sub/kept.ts';",
        "export * from './sub/all.ts';",
        "export type { V } from './sub/v.ts';",
        "import { readFile } from 'node:fs';",
        "export const later = () => import('./sub/lazy.ts');",
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'src/a.test.ts'), "import './sub/kept.ts';");
    expect(sourceFiles(dir)).toEqual(['src/a.ts']);
    expect(readImports(dir, ['src/a.ts'])).toEqual([
      { from: 'src/a.ts', to: 'src/sub/types.ts', typeOnly: true },
      // verbatimModuleSyntax keeps this one as `import {}`: it loads the file.
      { from: 'src/a.ts', to: 'src/sub/kept.ts', typeOnly: false },
      { from: 'src/a.ts', to: 'src/sub/all.ts', typeOnly: false },
      { from: 'src/a.ts', to: 'src/sub/v.ts', typeOnly: true },
      { from: 'src/a.ts', to: 'src/sub/lazy.ts', typeOnly: false },
    ]);
  });
});
