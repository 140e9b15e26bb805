import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAbsent, literalNumber } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOf } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';
import { isUnbounded, reportsBatchItemFailures } from '../../mapping-settings';

/**
 * ES1: a DynamoDB or Kinesis stream mapping must not let one poison record block its shard:
 * bisect on error, a bound on the retries, partial batch responses and an on-failure
 * destination. One finding per missing piece.
 *
 * The retries are bounded by finite MaximumRetryAttempts, or else by a finite
 * MaximumRecordAgeInSeconds: with infinite retries (-1, the default) the mapping still gives up on
 * a record of that age and sends it to the on-failure destination, which ends the blocking. Only
 * when neither bounds them is it a finding, one for one problem: `MaximumRetryAttempts`. A record
 * age above a DynamoDB stream's 24 h retention bounds nothing (the stream trims the record first):
 * `Guardrails-StreamRecordAgeRetention` reports it.
 *
 * Not asked for: bisect and partial batch responses with a batch size of 1 (a batch of one record
 * cannot be split or partly fail), or with a batch size only known at deploy time.
 */
export const streamFailureHandling: GuardrailsRule = {
  id: 'StreamFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'ES1',
  info: 'The DynamoDB/Kinesis event source mapping lacks part of its failure handling (see the finding).',
  explanation: 'Without bisect, bounded retries, partial batch responses and an on-failure destination, one poison record blocks its shard until it expires. Retries are bounded by MaximumRetryAttempts, or else by MaximumRecordAgeInSeconds (the mapping gives up on a record of that age): the finding MaximumRetryAttempts means neither is finite. Skipped: bisect and partial batch responses with BatchSize 1 (nothing to split), pieces that depend on a batch size only known at deploy time.',
  fix: 'Set BisectBatchOnFunctionError, MaximumRetryAttempts (not -1; or else MaximumRecordAgeInSeconds), FunctionResponseTypes ReportBatchItemFailures and DestinationConfig.OnFailure.',
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  lookupTypes: EVENT_SOURCE_TYPES,
  check: (resource, index) => {
    if (eventSourceOf(resource, index).kind !== 'stream') return NagRuleCompliance.NOT_APPLICABLE;
    const p = resource.properties;
    const multiRecordBatches = isAbsent(p.BatchSize) || (literalNumber(p.BatchSize) ?? 1) > 1;
    const retriesUnbounded = isUnbounded(p.MaximumRetryAttempts) && isUnbounded(p.MaximumRecordAgeInSeconds);
    const findings = [
      ...(multiRecordBatches && p.BisectBatchOnFunctionError !== true && p.BisectBatchOnFunctionError !== 'true' ? ['BisectBatchOnFunctionError'] : []),
      ...(retriesUnbounded ? ['MaximumRetryAttempts'] : []),
      ...(multiRecordBatches && !reportsBatchItemFailures(resource) ? ['ReportBatchItemFailures'] : []),
      ...(isAbsent(p.DestinationConfig?.OnFailure?.Destination) ? ['OnFailure'] : []),
    ];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};
