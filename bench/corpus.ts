// The precision corpus: one folder per app, holding the app's cloud assembly (`cdk.out`). Each
// template is loaded with `cloudformation-include`, so no app code runs here.
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';

/** One app of the corpus as CDK constructs. */
export interface CorpusApp {
  readonly name: string;
  readonly app: App;
  readonly resources: number;
}

/** Every `*.template.json` of an app's cloud assembly, nested assemblies (stages) included. */
function templatesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name.startsWith('assembly-')) return templatesOf(full);
    return entry.isFile() && entry.name.endsWith('.template.json') ? [full] : [];
  });
}

/**
 * The app as CDK constructs: one stack per template, loaded with cloudformation-include. A state
 * machine defined from a file (`DefinitionBody.fromFile`) points to a JSON file asset of the
 * assembly: that file is added as an Asset again, as the app had it.
 */
function loadApp(dir: string): { app: App; resources: number } {
  const app = new App();
  let resources = 0;
  for (const templateFile of templatesOf(dir)) {
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
    const stack = new Stack(app, path.basename(templateFile, '.template.json').replace(/[^A-Za-z0-9-]/g, '-'));
    new CfnInclude(stack, 'Template', { templateFile, preserveLogicalIds: true });
    resources += Object.keys(template.Resources ?? {}).length;
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      const key = resource?.Properties?.DefinitionS3Location?.Key;
      const file = typeof key === 'string' ? path.join(path.dirname(templateFile), `asset.${key}`) : undefined;
      if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
        new Asset(stack, `DefinitionOf${logicalId}`, { path: file, assetHash: path.basename(key, path.extname(key)) });
      }
    }
  }
  return { app, resources };
}

/** Every app of the corpus folder (those with at least one template), by name. */
export function loadCorpus(corpus: string): CorpusApp[] {
  return fs.readdirSync(corpus, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && templatesOf(path.join(corpus, entry.name)).length > 0)
    .map((entry) => entry.name).sort()
    .map((name) => ({ name, ...loadApp(path.join(corpus, name)) }));
}
