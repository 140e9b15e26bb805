import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The files of `src/` (paths relative to it, `/`-separated) and the files of `src/` each one imports. */
export type ImportGraph = Map<string, string[]>;

/**
 * Every import of every `.ts` file under `srcDir` that resolves to another file of it: import and
 * export declarations (type-only ones too), `import x = require()`, `import()` and `require()`
 * calls, and `import('...')` types.
 */
export function readImportGraph(srcDir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(srcDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const imports = moduleSpecifiers(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(path.dirname(file), specifier))
      .filter((target): target is string => target !== undefined)
      .map((target) => relative(srcDir, target));
    graph.set(relative(srcDir, file), [...new Set(imports)]);
  }
  return graph;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function moduleSpecifiers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword
      || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) literal(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolve(fromDir: string, specifier: string): string | undefined {
  const base = path.resolve(fromDir, specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

function relative(srcDir: string, file: string): string {
  return path.relative(srcDir, file).split(path.sep).join('/');
}

/**
 * The layers of `src/`, low to high. A folder may import its own files and the folders of lower
 * layers; every folder not named here is a pattern (the top layer). `nag/` stands beside them and
 * reads only `core/` and `template/`; only `nag/` itself and `index.ts` import it.
 */
export const LAYERS: string[][] = [['core', 'template'], ['observability', 'resources'], ['function']];
const NAG = 'nag';
const NAG_MAY_IMPORT = new Set(['core', 'template']);
const ENTRY = 'index.ts';

/** The folder of a file (`function/guarded-function.ts` → `function`); the entry file is its own. */
function folderOf(file: string): string {
  return file.includes('/') ? file.split('/')[0] : file;
}

function layerOf(folder: string): number {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index === -1 ? LAYERS.length : index;
}

/** Every import of `graph` that breaks the layers, as `importer → imported: why`. */
export function layerViolations(graph: ImportGraph): string[] {
  const publicFiles = new Set(graph.get(ENTRY) ?? []);
  const violations: string[] = [];
  for (const [importer, imports] of graph) {
    const from = folderOf(importer);
    for (const imported of imports) {
      const to = folderOf(imported);
      const why = violation(from, to, imported, publicFiles);
      if (why) violations.push(`${importer} → ${imported}: ${why}`);
    }
  }
  return violations;
}

function violation(from: string, to: string, imported: string, publicFiles: Set<string>): string | undefined {
  if (imported === ENTRY) return 'nothing in src/ imports the package entry';
  if (from === ENTRY || from === to) return undefined;
  if (from === NAG) return NAG_MAY_IMPORT.has(to) ? undefined : `nag/ reads only ${[...NAG_MAY_IMPORT].join('/ and ')}/`;
  if (to === NAG) return 'only nag/ itself and index.ts import nag/';
  const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
  if (toLayer > fromLayer) return `${to}/ is a higher layer than ${from}/`;
  if (toLayer < fromLayer) return undefined;
  if (fromLayer < LAYERS.length) return `${to}/ and ${from}/ are in the same layer: they must not import each other`;
  // Patterns: another pattern's public construct only (a file the package entry exports), never its internals.
  return publicFiles.has(imported) ? undefined : `${imported} is an internal of the pattern ${to}/ (not exported by index.ts)`;
}

/** Every import cycle of `graph` (files, type-only imports included) and of its pattern folders, each once. */
export function importCycles(graph: ImportGraph): string[] {
  const folderGraph: ImportGraph = new Map();
  for (const [importer, imports] of graph) {
    const from = folderOf(importer);
    if (from === ENTRY) continue;
    const targets = folderGraph.get(from) ?? [];
    for (const to of imports.map(folderOf)) if (to !== from && !targets.includes(to)) targets.push(to);
    folderGraph.set(from, targets);
  }
  return [...cyclesOf(graph).map((cycle) => `files importing each other: ${cycle.join(', ')}`),
    ...cyclesOf(folderGraph).map((cycle) => `folders importing each other: ${cycle.join(', ')}`)];
}

/** The strongly connected components of more than one node (or a node importing itself): the nodes of each cycle. */
function cyclesOf(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return cycles;
}
