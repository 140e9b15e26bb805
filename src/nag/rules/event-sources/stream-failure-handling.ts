import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAbsent, literalNumber } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOf } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';
import { isUnbounded, reportsBatchItemFailures } from '../../mapping-settings';

/**
 * ES1: a DynamoDB or Kinesis stream mapping must not let one poison record block its shard:
 * bisect on error, bounded retries (-1 is infinite), partial batch responses and an on-failure
 * destination. One finding per missing piece.
 *
 * Not asked for: bisect and partial batch responses with a batch size of 1 (a batch of one record
 * cannot be split or partly fail); a record age when retries are finite (the retries already end
 * the blocking, so `MaximumRecordAgeInSeconds` is only reported next to infinite retries); those
 * pieces when the batch size is only known at deploy time.
 */
export const streamFailureHandling: GuardrailsRule = {
  id: 'StreamFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'ES1',
  info: 'The DynamoDB/Kinesis event source mapping lacks part of its failure handling (see the finding).',
  explanation: 'Without bisect, bounded retries, partial batch responses and an on-failure destination, one poison record blocks its shard until it expires. Skipped: bisect and partial batch responses with BatchSize 1 (nothing to split), MaximumRecordAgeInSeconds when MaximumRetryAttempts is finite (the retries already end the blocking), pieces that depend on a batch size only known at deploy time.',
  fix: 'Set BisectBatchOnFunctionError, MaximumRetryAttempts (not -1; or else MaximumRecordAgeInSeconds), FunctionResponseTypes ReportBatchItemFailures and DestinationConfig.OnFailure.',
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  lookupTypes: EVENT_SOURCE_TYPES,
  check: (resource, index) => {
    if (eventSourceOf(resource, index).kind !== 'stream') return NagRuleCompliance.NOT_APPLICABLE;
    const p = resource.properties;
    const multiRecordBatches = isAbsent(p.BatchSize) || (literalNumber(p.BatchSize) ?? 1) > 1;
    const retriesUnbounded = isUnbounded(p.MaximumRetryAttempts);
    const findings = [
      ...(multiRecordBatches && p.BisectBatchOnFunctionError !== true && p.BisectBatchOnFunctionError !== 'true' ? ['BisectBatchOnFunctionError'] : []),
      ...(retriesUnbounded ? ['MaximumRetryAttempts'] : []),
      ...(retriesUnbounded && isUnbounded(p.MaximumRecordAgeInSeconds) ? ['MaximumRecordAgeInSeconds'] : []),
      ...(multiRecordBatches && !reportsBatchItemFailures(resource) ? ['ReportBatchItemFailures'] : []),
      ...(isAbsent(p.DestinationConfig?.OnFailure?.Destination) ? ['OnFailure'] : []),
    ];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};
