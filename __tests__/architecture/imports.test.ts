// The house rules of docs/architecture.md, held against the imports of src/ as the TypeScript
// compiler reads them (static, type-only and dynamic imports alike).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

interface Graph {
  /** src-relative module path → src-relative modules it imports. */
  local: Map<string, string[]>;
  /** src-relative module path → package names it imports (node: builtins left out). */
  packages: Map<string, string[]>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function buildGraph(): Graph {
  const local = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const files = sourceFiles(SRC);
  const known = new Set(files.map((f) => relative(SRC, f).split('\\').join('/')));
  for (const file of files) {
    const from = relative(SRC, file).split('\\').join('/');
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const edges: string[] = [];
    const pkgs: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (fileName.startsWith('node:')) continue;
      if (!fileName.startsWith('.')) {
        pkgs.push(packageOf(fileName));
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(from), fileName)).replace(/\.js$/, '.ts');
      // Generated validators are .js with a .d.ts beside them: a module all the same.
      if (!known.has(target) && !target.startsWith('core/generated/'))
        throw new Error(`${from} imports ${fileName}, which is not a module of src/`);
      edges.push(target);
    }
    local.set(from, edges);
    packages.set(from, pkgs);
  }
  return { local, packages };
}

/** Every cycle, as the strongly connected components of more than one module (or a module importing itself). */
function cycles(local: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of local.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (local.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of local.keys()) if (!order.has(node)) visit(node);
  return found;
}

const layerOf = (module: string): string => module.split('/')[0]!.replace(/\.ts$/, '');

/** What each folder of src/ may import (besides itself): types flow from the entry points down to the core. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  report: ['core'],
  adapters: ['core'],
  flow: ['core', 'report', 'adapters'],
  action: ['flow', 'core', 'report', 'adapters'],
  cli: ['flow', 'core', 'report', 'adapters'],
};

describe('the import graph of src/', () => {
  const graph = buildGraph();

  it('reads the whole tree (the rules below are not vacuous)', () => {
    expect(graph.local.size).toBeGreaterThan(70);
    expect(graph.local.get('action/run.ts')).toContain('flow/gate-job.ts');
    expect(graph.packages.get('action/runtime.ts')).toContain('@actions/core');
  });

  it('has no import cycle', () => {
    expect(cycles(graph.local)).toEqual([]);
  });

  it('holds every module in a known folder', () => {
    const stray = [...graph.local.keys()].filter((m) => !(layerOf(m) in MAY_IMPORT));
    expect(stray).toEqual([]);
  });

  it('imports only downwards: core nothing outside itself, report and adapters only core, and so on', () => {
    const wrong: string[] = [];
    for (const [from, targets] of graph.local) {
      const layer = layerOf(from);
      for (const target of targets) {
        const to = layerOf(target);
        // The ports are the one thing of the flow the adapters implement (the Logger): no behaviour.
        const port = layer === 'adapters' && target === 'flow/ports.ts';
        if (to !== layer && !port && !(MAY_IMPORT[layer] ?? []).includes(to)) wrong.push(`${from} -> ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lets only the runtime adapter import @actions/core, only the GitHub client octokit and the proxy code, only the signer @actions/attest', () => {
    const users = (name: string) => [...graph.packages].filter(([, pkgs]) => pkgs.includes(name)).map(([m]) => m);
    expect(users('@actions/core')).toEqual(['action/runtime.ts']);
    for (const name of ['@octokit/core', '@actions/http-client', 'undici'])
      expect(users(name), name).toEqual(['adapters/github/client.ts']);
    expect(users('@actions/github')).toEqual([]);
    expect(users('@actions/attest')).toEqual(['adapters/github/attest.ts']);
    const owners = new Set(['action/runtime.ts', 'adapters/github/client.ts', 'adapters/github/attest.ts']);
    const actionsPackages = [...graph.packages].filter(([m, pkgs]) => !owners.has(m) && pkgs.some((p) => p.startsWith('@actions/')));
    expect(actionsPackages).toEqual([]);
  });

  it('calls no require(): src/ is ESM, and only the bundle banner defines one, and the core also runs unbundled', () => {
    const calls: string[] = [];
    for (const path of sourceFiles(SRC)) {
      const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require')
          calls.push(`${relative(SRC, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(calls).toEqual([]);
  });

  it("leaves the adapters' error kinds to the adapters: the core names no service's failures", () => {
    const named = sourceFiles(join(SRC, 'core'))
      .filter((path) => !path.includes('/generated/'))
      .filter((path) => /['"]github-(access|api)['"]/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(named).toEqual([]);
  });

  it('keeps the Action entry free of static imports, so an ignored event loads nothing', () => {
    const text = readFileSync(join(SRC, 'action/index.ts'), 'utf8');
    const file = ts.createSourceFile('index.ts', text, ts.ScriptTarget.ES2022);
    const statics = file.statements.filter((s) => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly);
    expect(statics).toEqual([]);
    // Its one dynamic import is the flow, loaded for the events it handles.
    expect(graph.local.get('action/index.ts')).toEqual(['action/run.ts']);
  });
});
