/**
 * The house's rules, read from the code's own imports (static, dynamic and type imports alike), as
 * docs/ARCHITECTURE.md draws them:
 * - no import circle anywhere in src/, except inside src/host/api/ (the Excel object model: a range knows its
 *   worksheet, a worksheet its ranges);
 * - no import that runs up a floor: domain → host → workbook → cli / taskpane → preview; inside host
 *   model → formula → xlsx → ops → api → the host's front files → formats; inside workbook commandTypes → tables →
 *   the steps (setup, entry, ballots, results, year, scheme, rollup) → createCommands and index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*)\1/g;

function resolveSpec(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/** Every file of src/ with the src/ files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of walk(src)) {
    const text = readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const targets = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const t = resolveSpec(file, m[2]);
      if (t && t.startsWith(src)) targets.add(t);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

const rel = (p: string) => relative(src, p).split('\\').join('/');

/** Strongly connected components of more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const on = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The floor of a file: a file may import files of its own floor or below. */
function floor(path: string): number {
  const p = rel(path);
  const rules: [RegExp, number][] = [
    [/^domain\//, 0],
    [/^host\/index\.ts$/, 17],
    [/^host\/model\//, 10],
    [/^host\/formula\//, 11],
    [/^host\/ops\//, 12],
    [/^host\/api\//, 13],
    [/^host\/[^/]+$/, 14],
    [/^host\/xlsx\//, 15],
    [/^host\/formats\//, 18],
    [/^workbook\/commandTypes\.ts$/, 20],
    [/^workbook\/tables\//, 21],
    [/^workbook\/(setup|entry|ballots|results|year|scheme|rollup)\//, 22],
    [/^workbook\/[^/]+$/, 23],
    [/^(cli|taskpane)\//, 30],
    [/^preview\//, 31],
  ];
  for (const [re, n] of rules) if (re.test(p)) return n;
  throw new Error(`no floor for ${p}: add its folder to the floors here and to docs/ARCHITECTURE.md`);
}

describe('the house', () => {
  const graph = importGraph();

  test('reads a real graph (a check over nothing would pass)', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect([...graph.values()].reduce((n, t) => n + t.length, 0)).toBeGreaterThan(500);
  });

  test('every src file has a floor', () => {
    const without = [...graph.keys()].filter((f) => { try { floor(f); return false; } catch { return true; } }).map(rel);
    expect(without).toEqual([]);
  });

  test('no import circle outside src/host/api/', () => {
    expect(circles(graph).filter((c) => !c.every((f) => f.startsWith('host/api/')))).toEqual([]);
  });

  test('no import runs up a floor', () => {
    const up: string[] = [];
    for (const [file, targets] of graph) for (const t of targets) if (floor(t) > floor(file)) up.push(`${rel(file)} → ${rel(t)}`);
    expect(up).toEqual([]);
  });
});
