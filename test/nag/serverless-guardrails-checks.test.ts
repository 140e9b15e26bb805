import * as fs from 'fs';
import * as path from 'path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, ServerlessChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { guardrailsFindings } from './support';
import { ServerlessGuardrailsChecks } from '../../src';
import { GUARDRAILS_RULES, INDEXED_TYPES } from '../../src/nag/rule-catalog';
import { newStack, plainFunction as sharedPlainFunction } from '../support/stacks';

/** A plain function with a log group of its own (FN8), so that only the rule under test finds something. */
function plainFunction(scope: Construct, id: string, props: Partial<lambda.FunctionProps> = {}) {
  return sharedPlainFunction(scope, id, { logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_WEEK }), ...props });
}

describe('ServerlessGuardrailsChecks', () => {
  test('rule IDs carry the Guardrails- prefix, are unique, and every rule cites a practice ID', () => {
    const pack = new ServerlessGuardrailsChecks();
    expect(pack.name).toBe('Guardrails');
    expect(pack.ruleIds).toHaveLength(GUARDRAILS_RULES.length);
    expect(new Set(pack.ruleIds).size).toBe(GUARDRAILS_RULES.length);
    for (const id of pack.ruleIds!) expect(id).toMatch(/^Guardrails-[A-Z]\w+$/);
    for (const rule of GUARDRAILS_RULES) expect(rule.practice).toMatch(/^(FN|ES|DB|API|ID|WF|MSG|EV|SEC|OBS|DEP)\d+$/);
  });

  test('the pack indexes exactly the types its rules judge and look up', () => {
    expect(INDEXED_TYPES.has('AWS::Lambda::Function')).toBe(true);
    expect(INDEXED_TYPES.has('AWS::IAM::Policy')).toBe(true); // looked up by LambdaRecursiveInvoke only
    expect(INDEXED_TYPES.has('AWS::CloudFront::Distribution')).toBe(false);
  });

  test('the README rules table matches the rules in code (id, level, practice)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `Guardrails-(\w+)` \| (Error|Warning) \| .* \((\w+)\) \| .* \|$/gm)]
      .map(([, id, level, practice]) => ({ id, level, practice }));
    const inCode = GUARDRAILS_RULES.map((rule) => ({ id: rule.id, level: rule.level === NagMessageLevel.ERROR ? 'Error' : 'Warning', practice: rule.practice }));
    expect(rows).toEqual(inCode);
  });

  test('a finding names the rule ID, the construct path and the practice, with the severity of its rule', () => {
    const { app, stack } = newStack();
    plainFunction(stack, 'Fn');
    const violation = new ServerlessGuardrailsChecks().validateScope(app).violations.find((v) => v.ruleName === 'Guardrails-LambdaReservedConcurrency')!;
    expect(violation.violatingResources[0].constructPath).toBe('TestStack/Fn/Resource');
    expect(violation.description).toContain('(FN5)');
    expect(violation.severity).toBe('warning');
  });

  test('a granular acknowledgement hides that finding only', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 1, environment: { PUBLIC_TOKEN: 'not-a-secret', DB_PASSWORD: 'hunter2' } });
    Validations.of(fn).acknowledge({ id: 'Guardrails-LambdaPlaintextSecret[PUBLIC_TOKEN]', reason: 'FN3: a public client token, published in the web app anyway' });
    expect(guardrailsFindings(app)).toEqual(['Guardrails-LambdaPlaintextSecret[DB_PASSWORD] at TestStack/Fn/Resource']);
  });

  test('as a policy-validation plugin it stops the synth on a finding', () => {
    const { app, stack } = newStack();
    plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 1, environment: { K: 'x'.repeat(5000) } });
    Validations.of(app).addPlugins(new ServerlessGuardrailsChecks());
    expect(() => app.synth()).toThrow(/Guardrails-LambdaEnvironmentSize/);
  });

  test('the Serverless pack\'s false positives are not repeated: a DLQ is not asked for a DLQ, an SQS source not for a destination', () => {
    const { app, stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const fn = plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 2 });
    fn.addEventSource(new sources.SqsEventSource(queue, { reportBatchItemFailures: true, maxConcurrency: 2 }));
    dlq.metricApproximateNumberOfMessagesVisible().createAlarm(stack, 'DlqDepth', { threshold: 0, evaluationPeriods: 1 });
    const serverless = new ServerlessChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(serverless).toEqual(expect.arrayContaining(['Serverless-SQSRedrivePolicy', 'Serverless-LambdaEventSourceMappingDestination']));
    expect(guardrailsFindings(app)).toEqual([]);
  });

  test('validating twice gives the same answer (the rendered templates are not kept between runs)', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 1 });
    const pack = new ServerlessGuardrailsChecks();
    expect(pack.validateScope(app).violations).toEqual([]);
    fn.addEnvironment('K', 'x'.repeat(5000));
    expect(pack.validateScope(app).violations.map((v) => v.ruleName)).toEqual(['Guardrails-LambdaEnvironmentSize']);
  });
});
