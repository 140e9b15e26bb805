import * as path from 'path';
import { ImportGraph, importCycles, layerViolations, LAYERS, readImportGraph } from './import-graph';

const SRC = path.join(__dirname, '..', '..', 'src');

/**
 * The layout of src/ (README: Layout): folders depend downward only, core and template →
 * observability and resources → function → the patterns (api, messaging, stream, workflow and any
 * new folder); nag/ beside them, reading only core/ and template/. A pattern may use another
 * pattern's public construct (a file index.ts exports), never its internals. No import cycles.
 */
describe('src/ layers', () => {
  const graph = readImportGraph(SRC);

  test('the import graph sees every folder and the imports between them', () => {
    const folders = new Set([...graph.keys()].map((file) => file.split('/')[0]));
    expect([...folders].sort()).toEqual(expect.arrayContaining([...LAYERS.flat(), 'api', 'messaging', 'nag', 'stream', 'workflow', 'index.ts'].sort()));
    expect(graph.get('function/guarded-function.ts')).toEqual(expect.arrayContaining(['core/validation.ts', 'resources/log-group.ts', 'observability/monitored.ts']));
  });

  test('no import runs up a layer or sideways; nag/ reads only core/ and template/, and only index.ts imports it', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  test('no import cycles, type-only imports included, between files or between pattern folders', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the layer check finds planted violations', () => {
  const clean: ImportGraph = new Map([
    ['index.ts', ['api/construct.ts', 'nag/pack.ts', 'function/fn.ts']],
    ['core/limits.ts', []],
    ['template/cfn.ts', []],
    ['observability/alarms.ts', ['core/limits.ts']],
    ['resources/queue.ts', ['core/limits.ts']],
    ['function/fn.ts', ['resources/queue.ts', 'observability/alarms.ts']],
    ['api/construct.ts', ['function/fn.ts', 'api/helper.ts']],
    ['api/helper.ts', []],
    ['messaging/construct.ts', ['api/construct.ts']],
    ['nag/pack.ts', ['core/limits.ts', 'template/cfn.ts']],
  ]);
  const planted = (file: string, extra: string[]): ImportGraph => new Map([...clean, [file, [...(clean.get(file) ?? []), ...extra]]]);

  test('a clean graph passes', () => {
    expect(layerViolations(clean)).toEqual([]);
    expect(importCycles(clean)).toEqual([]);
  });

  test.each([
    ['upward: resources/ → function/', 'resources/queue.ts', 'function/fn.ts', /higher layer/],
    ['upward: core/ → observability/', 'core/limits.ts', 'observability/alarms.ts', /higher layer/],
    ['sideways: core/ → template/', 'core/limits.ts', 'template/cfn.ts', /same layer/],
    ['sideways: observability/ → resources/', 'observability/alarms.ts', 'resources/queue.ts', /same layer/],
    ['a pattern into another pattern\'s internals', 'messaging/construct.ts', 'api/helper.ts', /internal of the pattern api\//],
    ['a construct folder into nag/', 'function/fn.ts', 'nag/pack.ts', /only nag\/ itself and index.ts/],
    ['nag/ into a construct folder', 'nag/pack.ts', 'function/fn.ts', /nag\/ reads only core\/ and template\//],
    ['the package entry from inside src/', 'api/helper.ts', 'index.ts', /package entry/],
  ])('%s', (_name, importer, imported, why) => {
    expect(layerViolations(planted(importer, [imported]))).toEqual([expect.stringMatching(why)]);
  });

  test('a cycle between two files of one folder, and one between two pattern folders', () => {
    expect(importCycles(planted('api/helper.ts', ['api/construct.ts']))).toEqual(['files importing each other: api/construct.ts, api/helper.ts']);
    expect(importCycles(planted('api/helper.ts', ['messaging/construct.ts']))).toEqual([
      'files importing each other: api/construct.ts, api/helper.ts, messaging/construct.ts',
      'folders importing each other: api, messaging',
    ]);
  });
});
