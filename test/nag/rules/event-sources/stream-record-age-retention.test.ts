import { App, CfnParameter, Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mappingOf } from './fixtures';
import { streamRecordAgeRetention } from '../../../../src/nag/rules/event-sources';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction as fn, ruleResult } from '../../support';

describe('Guardrails-StreamRecordAgeRetention (ES1)', () => {
  function tableMapping(maxRecordAge?: Duration) {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, maxRecordAge }));
    return { app, stack, mapping: mappingOf(f) };
  }

  test('a DynamoDB stream mapping above 86,400 s is a finding with path; exactly 86,400 s is compliant', () => {
    const above = tableMapping(Duration.seconds(86_401));
    expect(ruleResult(streamRecordAgeRetention, above.mapping)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(above.app)).toContainEqual(expect.stringMatching(/^Guardrails-StreamRecordAgeRetention at TestStack\/Fn\/DynamoDBEventSource:TestStackTable\w+\/Resource$/));
    expect(ruleResult(streamRecordAgeRetention, tableMapping(Duration.days(1)).mapping)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('-1 and an absent value are left to StreamFailureHandling: one finding for one problem', () => {
    const absent = tableMapping();
    expect(ruleResult(streamRecordAgeRetention, absent.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const infinite = tableMapping(Duration.days(1));
    (infinite.mapping.node.defaultChild as lambda.CfnEventSourceMapping).addPropertyOverride('MaximumRecordAgeInSeconds', -1);
    expect(ruleResult(streamRecordAgeRetention, infinite.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    // Infinite retries (no retryAttempts) and no record age: nothing bounds the retries.
    const findings = (app: App) => guardrailsFindings(app).filter((finding) => /MaximumRetryAttempts|MaximumRecordAge|RecordAgeRetention/.test(finding));
    expect(findings(infinite.app)).toEqual([expect.stringMatching(/^Guardrails-StreamFailureHandling\[MaximumRetryAttempts\] at /)]);
    // A record age above the retention next to infinite retries bounds nothing either: reported here only.
    expect(findings(tableMapping(Duration.seconds(86_401)).app)).toEqual([expect.stringMatching(/^Guardrails-StreamRecordAgeRetention at /)]);
  });

  test('a literal DynamoDB stream ARN is checked; Kinesis, SQS and a token record age are not applicable', () => {
    const { stack } = newStack();
    const importedTable = new lambda.EventSourceMapping(stack, 'ImportedMapping', {
      target: fn(stack, 'Imported'),
      eventSourceArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      maxRecordAge: Duration.days(2),
    });
    expect(ruleResult(streamRecordAgeRetention, importedTable)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const k = fn(stack, 'KinesisFn');
    k.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST, maxRecordAge: Duration.days(7) }));
    expect(ruleResult(streamRecordAgeRetention, mappingOf(k))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const q = fn(stack, 'QueueFn');
    q.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue')));
    expect(ruleResult(streamRecordAgeRetention, mappingOf(q))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const age = new CfnParameter(stack, 'Age', { type: 'Number', default: 172_800 });
    const token = tableMapping();
    (token.mapping.node.defaultChild as lambda.CfnEventSourceMapping).addPropertyOverride('MaximumRecordAgeInSeconds', age.valueAsNumber);
    expect(ruleResult(streamRecordAgeRetention, token.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('the finding can be acknowledged on its mapping alone', () => {
    const { app, mapping } = tableMapping(Duration.days(2));
    Validations.of(mapping).acknowledge({ id: 'Guardrails-StreamRecordAgeRetention', reason: 'ES1: test' });
    const findings = guardrailsFindings(app);
    expect(findings.filter((finding) => finding.startsWith('Guardrails-StreamRecordAgeRetention'))).toEqual([]);
    expect(findings).toContainEqual(expect.stringMatching(/^Guardrails-StreamFailureHandling\[OnFailure\] at /));
  });
});
