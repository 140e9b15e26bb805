import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// jsii's own split of a comment into summary and remarks (its package exports do not list lib/docs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { splitSummary } = require(path.join(path.dirname(require.resolve('jsii/package.json')), 'lib', 'docs')) as {
  splitSummary: (docBlock: string) => [string | undefined, string | undefined];
};

/**
 * API.md is rendered from the JSDoc by jsii-docgen, which splits each comment into a summary (its
 * first sentence) and remarks, and renders the remarks as Markdown: a line that starts with `-1`,
 * `*`, `+` or a number and a dot becomes a list item there and loses its text.
 */
const SOURCES = [
  { file: 'src/stream/table-stream-processor.ts', documented: 'retryAttempts' },
  { file: 'src/queue/queue-processor.ts', documented: 'maxReceiveCount' },
];
const LIST_ITEM = /^\s*(-\d|[-*+]\s|\*|\+|\d+\.)/;

function jsDocTexts(file: string): Array<{ name: string; text: string }> {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8'), ts.ScriptTarget.Latest, true);
  const texts: Array<{ name: string; text: string }> = [];
  const visit = (node: ts.Node): void => {
    for (const doc of ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)) {
      const name = (node as { name?: ts.Node }).name?.getText(source) ?? ts.SyntaxKind[node.kind];
      texts.push({ name, text: ts.getTextOfJSDocComment(doc.comment) ?? '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

test.each(SOURCES)('API docs of $file: no remark line starts with a Markdown list marker', ({ file, documented }) => {
  const texts = jsDocTexts(file);
  expect(texts.find((t) => t.name === documented)?.text).toMatch(/\S/); // the comments were found
  const listItems = texts.flatMap(({ name, text }) => {
    const [, remarks] = splitSummary(text);
    return (remarks ?? '').split('\n').filter((line) => LIST_ITEM.test(line)).map((line) => `${name}: ${line}`);
  });
  expect(listItems).toEqual([]);
});
