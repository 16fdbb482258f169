import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** An exported domain function that changes data, and whether it records its change in the audit trail. */
export interface DataWriter {
  /** `src/modules/<module>/<file>#<function>` */
  id: string;
  audited: boolean;
}

const WRAPPERS = new Set(['audited', 'auditedTx', 'auditEventCall']);
const KYSELY_WRITES = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const SQL_WRITE = /\b(insert\s+into|update\s+[\w".]+\s+set|delete\s+from|merge\s+into|truncate)\b/i;

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

interface TopLevelFunction {
  name: string;
  exported: boolean;
  node: FunctionLike;
}

/** The file's top-level functions: `function f` and `const f = (…) => …` / `function (…)`. */
function topLevelFunctions(source: ts.SourceFile): Map<string, TopLevelFunction> {
  const found = new Map<string, TopLevelFunction>();
  const exportedNames = new Set<string>();
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) {
      const name = statement.name.text;
      found.set(name, { name, exported: isExported(statement), node: statement });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (
          ts.isIdentifier(declaration.name) &&
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
        ) {
          const name = declaration.name.text;
          found.set(name, { name, exported: isExported(statement), node: init });
        }
      }
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause) {
      if (ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements)
          exportedNames.add((element.propertyName ?? element.name).text);
    }
  }
  for (const name of exportedNames) {
    const fn = found.get(name);
    if (fn) fn.exported = true;
  }
  return found;
}

interface BodyFacts {
  writes: boolean;
  wraps: boolean;
  /** Names used in the body: calls, and functions passed on (`audited(db, event, insertRow)`). */
  refs: Set<string>;
}

function factsOf(node: ts.Node): BodyFacts {
  const facts: BodyFacts = { writes: false, wraps: false, refs: new Set() };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      if (ts.isIdentifier(callee) && WRAPPERS.has(callee.text)) facts.wraps = true;
      else if (ts.isPropertyAccessExpression(callee) && KYSELY_WRITES.has(callee.name.text)) {
        facts.writes = true;
      }
    } else if (ts.isIdentifier(n)) {
      facts.refs.add(n.text);
    } else if (ts.isTaggedTemplateExpression(n) && ts.isIdentifier(n.tag) && n.tag.text === 'sql') {
      if (SQL_WRITE.test(n.template.getText())) facts.writes = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return facts;
}

/**
 * The exported functions of one source file that change data, each with whether it goes through the
 * audit wrapper. The same file's private functions it calls or passes on are followed: their writes
 * and their use of the wrapper count as its own.
 */
export function dataWritersIn(fileName: string, text: string): DataWriter[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const functions = topLevelFunctions(source);
  const facts = new Map([...functions].map(([name, fn]) => [name, factsOf(fn.node)]));
  const reach = (name: string, seen = new Set<string>()): { writes: boolean; wraps: boolean } => {
    const own = facts.get(name);
    if (!own || seen.has(name)) return { writes: false, wraps: false };
    seen.add(name);
    let { writes, wraps } = own;
    for (const callee of own.refs) {
      if (functions.get(callee)?.exported !== false) continue;
      const inner = reach(callee, seen);
      writes ||= inner.writes;
      wraps ||= inner.wraps;
    }
    return { writes, wraps };
  };
  return [...functions.values()]
    .filter((fn) => fn.exported)
    .flatMap((fn) => {
      const { writes, wraps } = reach(fn.name);
      return writes ? [{ id: `${fileName}#${fn.name}`, audited: wraps }] : [];
    });
}

/** Domain code: a module's files, without its routes, views, migrations, tests and assets. */
export function isDomainFile(relative: string): boolean {
  const base = path.basename(relative);
  return (
    /\.tsx?$/.test(base) &&
    !/\.test\.tsx?$/.test(base) &&
    !/(^|-)routes\.tsx?$/.test(base) &&
    !/\/(views|migrations|assets)\//.test(relative)
  );
}

export function domainDataWriters(root: string): DataWriter[] {
  const modules = path.join(root, 'src/modules');
  return readdirSync(modules, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join('src/modules', file))
    .filter(isDomainFile)
    .sort()
    .flatMap((file) => dataWritersIn(file, readFileSync(path.join(root, file), 'utf8')));
}

export interface AllowListCheck {
  /** Writers neither audited nor allowed. */
  unaudited: string[];
  /** Allowed entries that name no unaudited writer any more. */
  stale: string[];
}

export function checkAllowList(writers: DataWriter[], allowed: Record<string, string>): AllowListCheck {
  const unauditedIds = new Set(writers.filter((w) => !w.audited).map((w) => w.id));
  return {
    unaudited: [...unauditedIds].filter((id) => !(id in allowed)),
    stale: Object.keys(allowed).filter((id) => !unauditedIds.has(id)),
  };
}

/** Source files (outside the audit module) that import `appendAuditEvent` instead of using a wrapper. */
export function handCallers(root: string): string[] {
  return readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map((file) => path.join('src', file))
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith('src/platform/audit/'))
    .filter((file) => {
      const source = ts.createSourceFile(
        file,
        readFileSync(path.join(root, file), 'utf8'),
        ts.ScriptTarget.Latest,
      );
      return source.statements.some(
        (s) =>
          ts.isImportDeclaration(s) &&
          s.importClause?.namedBindings &&
          ts.isNamedImports(s.importClause.namedBindings) &&
          s.importClause.namedBindings.elements.some(
            (e) => (e.propertyName ?? e.name).text === 'appendAuditEvent',
          ),
      );
    })
    .sort();
}
