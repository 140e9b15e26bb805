import * as fs from 'fs';
import * as path from 'path';
import { GUARDRAILS_RULES } from '../src/nag/rule-catalog';

const root = path.join(__dirname, '..');
const PRACTICE_ID = /\b(?:FN|ES|DB|API|ID|WF|MSG|EV|SEC|OBS|DEP)\d+\b/g;

/** The catalog's entries: each table row of docs/PRACTICES.md that starts with a practice ID, by ID. */
function catalog(): Map<string, string> {
  const text = fs.readFileSync(path.join(root, 'docs', 'PRACTICES.md'), 'utf8');
  return new Map([...text.matchAll(/^\| ([A-Z]+\d+) \|(.*)$/gm)].map(([, id, rest]) => [id, rest]));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('docs/PRACTICES.md, the practice catalog users get', () => {
  test('every practice ID cited in src/ and README.md has an entry', () => {
    const files = [...sourceFiles(path.join(root, 'src')), path.join(root, 'README.md')];
    const entries = catalog();
    const missing = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(PRACTICE_ID)]
      .filter(([id]) => !entries.has(id))
      .map(([id]) => `${id} (${path.relative(root, file)})`));
    expect(entries.size).toBeGreaterThan(0);
    expect([...new Set(missing)]).toEqual([]);
  });

  test('each entry has one row, with the practice, how the library applies it and its source', () => {
    const text = fs.readFileSync(path.join(root, 'docs', 'PRACTICES.md'), 'utf8');
    const rows = [...text.matchAll(/^\| ([A-Z]+\d+) \|(.*)$/gm)].map(([, id, rest]) => ({ id, cells: rest.split(' | ').map((cell) => cell.replace(/\|$/, '').trim()) }));
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    for (const row of rows) {
      expect({ id: row.id, cells: row.cells.length, empty: row.cells.some((cell) => cell === '') }).toEqual({ id: row.id, cells: 3, empty: false });
    }
  });

  test('every rule of our nag pack is named in the entry of its practice', () => {
    const entries = catalog();
    for (const rule of GUARDRAILS_RULES) {
      expect({ rule: rule.id, named: entries.get(rule.practice)?.includes(`\`Guardrails-${rule.id}\``) }).toEqual({ rule: rule.id, named: true });
    }
  });

  test('the README links the catalog', () => {
    const link = /\]\(docs\/PRACTICES\.md\)/.exec(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(link?.[0]).toBe('](docs/PRACTICES.md)');
  });
});
