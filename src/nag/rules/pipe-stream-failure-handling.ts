import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOfArn, isUnbounded } from './event-source';
import { isAbsent } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * ES1 for EventBridge Pipes: a pipe reading a DynamoDB or Kinesis stream retries a failing batch
 * until the record expires by default (-1), blocking its shard, and then drops it. It needs
 * bounded retries and a dead-letter config for what they give up on. Findings:
 * `MaximumRetryAttempts`, `MaximumRecordAgeInSeconds` (only next to infinite retries: finite
 * retries already end the blocking), `DeadLetterConfig`. Not applicable to other sources.
 */
export function pipeStreamFailureHandling(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Pipes::Pipe') return NagRuleCompliance.NOT_APPLICABLE;
  const source = resource.properties.SourceParameters ?? {};
  const parameters = source.DynamoDBStreamParameters ?? source.KinesisStreamParameters;
  if (parameters === undefined && eventSourceOfArn(resource.properties.Source, index).kind !== 'stream') return NagRuleCompliance.NOT_APPLICABLE;
  const retriesUnbounded = isUnbounded(parameters?.MaximumRetryAttempts);
  const findings = [
    ...(retriesUnbounded ? ['MaximumRetryAttempts'] : []),
    ...(retriesUnbounded && isUnbounded(parameters?.MaximumRecordAgeInSeconds) ? ['MaximumRecordAgeInSeconds'] : []),
    ...(isAbsent(parameters?.DeadLetterConfig?.Arn) ? ['DeadLetterConfig'] : []),
  ];
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
