import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SQS_DEFAULT_RETENTION_SECONDS, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from '../../../core/limits';
import { literalNumber, numberOrDefault } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { redrivePolicyOf } from '../../template-index';

/**
 * ES4/MSG1: a queue hands a message to its dead-letter queue on the receive after maxReceiveCount
 * failed ones, and each failed receive keeps the message hidden for one visibility timeout. When
 * maxReceiveCount × VisibilityTimeout reaches the MessageRetentionPeriod, a poison message expires
 * before it reaches the DLQ and is lost without a trace.
 *
 * Defaults as CloudFormation applies them: VisibilityTimeout 30 s, MessageRetentionPeriod 345,600 s.
 * Not applicable: queues without a redrive policy (the Serverless pack's SQSRedrivePolicy asks for
 * one), and any of the three values only known at deploy time. A consumer that changes the
 * visibility of a message at run time (ChangeMessageVisibility) is not visible in the template.
 */
export const sqsRedriveBeforeExpiry: GuardrailsRule = {
  id: 'SqsRedriveBeforeExpiry',
  level: NagMessageLevel.ERROR,
  practice: 'ES4',
  info: 'The queue\'s maxReceiveCount × VisibilityTimeout (default 30 s) reaches its MessageRetentionPeriod (default 4 days): a poison message expires before it moves to the DLQ (MSG1).',
  explanation: 'A message moves to the DLQ only after maxReceiveCount receives, each hidden for a visibility timeout; if it expires first it is lost without a trace. Skipped: queues without a redrive policy (Serverless-SQSRedrivePolicy asks for one), values only known at deploy time; a consumer\'s ChangeMessageVisibility calls are not in the template.',
  fix: 'Lower maxReceiveCount or the VisibilityTimeout, or raise the MessageRetentionPeriod (up to 14 days), so that maxReceiveCount × VisibilityTimeout stays below it.',
  resourceTypes: ['AWS::SQS::Queue'],
  lookupTypes: [],
  check: (resource) => {
    const redrive = redrivePolicyOf(resource);
    if (!redrive) return NagRuleCompliance.NOT_APPLICABLE;
    const maxReceiveCount = literalNumber(redrive.maxReceiveCount);
    const visibility = numberOrDefault(resource.properties.VisibilityTimeout, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
    const retention = numberOrDefault(resource.properties.MessageRetentionPeriod, SQS_DEFAULT_RETENTION_SECONDS);
    if (maxReceiveCount === undefined || visibility === undefined || retention === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return maxReceiveCount * visibility >= retention ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
