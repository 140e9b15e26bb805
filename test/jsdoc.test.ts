import * as fs from 'fs';
import * as path from 'path';

const src = path.join(__dirname, '..', 'src');

/** Markdown that jsii-docgen renders as a list item (its text then loses the marker): `- `, `* `, `+ `, `1. `, or `-1`. */
const LIST_ITEM = /^(?:[-*+]\s|\d+\.\s|-\d)/;

/** One JSDoc comment: where it starts and its lines without the ` * ` prefix. */
interface DocComment {
  readonly file: string;
  readonly line: number;
  readonly lines: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function docComments(file: string): DocComment[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((match) => ({
    file: path.relative(path.join(src, '..'), file),
    line: text.slice(0, match.index).split('\n').length,
    lines: match[1].split('\n').map((line) => line.replace(/^\s*\*?\s?/, '')),
  }));
}

const comments = sourceFiles(src).flatMap(docComments);

describe('JSDoc that API.md renders without losing text', () => {
  test('the scan sees the doc comments of src/', () => {
    expect(comments.length).toBeGreaterThan(100);
  });

  test('no JSDoc line starts with a list marker (`-`, `*`, `+`, `1.` followed by a space, or `-1`)', () => {
    const offending = comments.flatMap((comment) => comment.lines
      .map((line, offset) => ({ line: line.trim(), at: `${comment.file}:${comment.line + offset}` }))
      .filter(({ line }) => LIST_ITEM.test(line))
      .map(({ line, at }) => `${at}: ${line}`));
    expect(offending).toEqual([]);
  });

  test('no description goes on after its first sentence with a list marker (jsii-docgen drops the leading "-" of the remarks)', () => {
    // jsii splits a description into the summary (its first sentence) and the remarks (the rest).
    const offending = comments.flatMap((comment) => {
      const tagAt = comment.lines.findIndex((line) => line.startsWith('@'));
      const description = (tagAt === -1 ? comment.lines : comment.lines.slice(0, tagAt)).join('\n');
      const remarks = /^[\s\S]*?\.\s+([\s\S]*)$/.exec(description.trim())?.[1];
      return remarks !== undefined && LIST_ITEM.test(remarks) ? [`${comment.file}:${comment.line}: ${remarks.split('\n')[0]}`] : [];
    });
    expect(offending).toEqual([]);
  });
});

describe('API.md', () => {
  const apiMd = fs.readFileSync(path.join(src, '..', 'API.md'), 'utf8');

  test('every member of the public API has a description (constructor parameters included)', () => {
    const undocumented = apiMd.split('\n').filter((line) => line.includes('*No description.*'))
      .map((line) => /id="([^"]+)"/.exec(line)?.[1] ?? /href="#([^"]+)"/.exec(line)?.[1] ?? line);
    expect(undocumented).toEqual([]);
  });

  test('no summary in the tables ends mid-sentence with ";" (jsii cuts a description at its first ".", "!", "?" or ";" followed by a space)', () => {
    // Rows of the summary tables: `| <code><a href="#cdk-serverless-guardrails.X">x</a></code> | [<code>type</code> |] summary |`.
    const rows = apiMd.split('\n').filter((line) => line.startsWith('| <code><a href="#cdk-serverless-guardrails.'));
    expect(rows.length).toBeGreaterThan(100);
    const cut = rows
      .map((line) => ({ id: /href="#([^"]+)"/.exec(line)?.[1], summary: line.replace(/\s*\|\s*$/, '').split(' | ').pop()?.trim() ?? '' }))
      .filter(({ summary }) => summary.endsWith(';'))
      .map(({ id, summary }) => `${id}: ${summary}`);
    expect(cut).toEqual([]);
  });
});
