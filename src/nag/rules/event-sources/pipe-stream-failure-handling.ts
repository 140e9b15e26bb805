import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAbsent } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOfArn } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';
import { isUnbounded } from '../../mapping-settings';

/**
 * ES1 for EventBridge Pipes: a pipe reading a DynamoDB or Kinesis stream retries a failing batch
 * until the record expires by default (-1), blocking its shard, and then drops it. It needs
 * bounded retries and a dead-letter config for what they give up on. Findings:
 * `MaximumRetryAttempts`, `MaximumRecordAgeInSeconds` (only next to infinite retries: finite
 * retries already end the blocking), `DeadLetterConfig`. Not applicable to other sources.
 */
export const pipeStreamFailureHandling: GuardrailsRule = {
  id: 'PipeStreamFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'ES1',
  info: 'An EventBridge pipe reads a DynamoDB/Kinesis stream without bounded retries or a dead-letter config (see the finding).',
  explanation: 'A pipe retries a failing batch until the record expires by default (-1), blocking its shard, and then drops it. Skipped: MaximumRecordAgeInSeconds when MaximumRetryAttempts is finite, pipes with other sources.',
  fix: 'Set MaximumRetryAttempts (not -1) and a DeadLetterConfig (SQS or SNS) in the stream source parameters.',
  resourceTypes: ['AWS::Pipes::Pipe'],
  lookupTypes: EVENT_SOURCE_TYPES,
  check: (resource, index) => {
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
  },
};
