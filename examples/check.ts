// `npm run example`: synthesizes the reference app into cdk.out/, runs the nag packs and cfn-lint,
// prints a short table per stack and exits non-zero on any unacknowledged finding or cfn-lint
// error or warning.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { requirePythonTool } from './python-tools';
import { REFERENCE_OUTDIR as outdir, synthesizeReferenceApp } from './reference-assembly';
import { integAppFiles, synthIntegApp } from '../test/integ/integ-apps';
import { acknowledgementsUnder, findingsUnder } from '../test/support/nag-packs';

function main(): number {
  // The tools first: a missing cfn-lint stops here, not after the synthesis.
  let cfnLint: string;
  try {
    cfnLint = requirePythonTool('cfn-lint');
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const { stacks, assembly } = synthesizeReferenceApp();
  let failed = false;

  const templates: string[] = [];
  for (const stack of stacks) {
    const artifact = assembly.getStackByName(stack.stackName);
    const templatePath = path.relative(process.cwd(), path.join(outdir, artifact.templateFile));
    templates.push(templatePath);
    const findings = findingsUnder(stack);
    const acknowledgements = acknowledgementsUnder(stack);
    failed ||= findings.length > 0;
    console.log(`\n== ${stack.stackName}`);
    console.log(`   template         ${templatePath}`);
    console.log(`   resources        ${Object.keys(artifact.template.Resources ?? {}).length}`);
    console.log(`   findings         ${findings.length}`);
    for (const finding of findings) console.log(`     ✗ ${finding.ruleId}  ${finding.path}\n       ${finding.description}`);
    console.log(`   acknowledgements ${acknowledgements.length}`);
    for (const ack of acknowledgements) console.log(`     ✓ ${ack.id}  ${ack.path}\n       ${ack.reason}`);
  }

  // The integration test apps are linted too (item 1 of the verification issue).
  const integTemplates = integAppFiles().flatMap((file) => synthIntegApp(file).map((stack) => stack.templateFullPath));
  const lint = runCfnLint(cfnLint, [...templates, ...integTemplates]);
  console.log(`\n== cfn-lint (${templates.length} reference + ${integTemplates.length} integ templates): ${lint.ok ? 'no errors or warnings' : 'FAILED'}`);
  if (lint.output.trim()) console.log(lint.output.trim());
  failed ||= !lint.ok;
  console.log(failed ? '\nFAILED: see the findings above.' : '\nOK: zero unacknowledged findings, cfn-lint clean.');
  return failed ? 1 : 0;
}

function runCfnLint(cfnLint: string, templates: string[]): { ok: boolean; output: string } {
  // The config (.cfnlintrc.yaml at the repo root) holds every ignored rule with its reason.
  const result = spawnSync(cfnLint, ['--format', 'parseable', '--', ...templates], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

process.exitCode = main();
