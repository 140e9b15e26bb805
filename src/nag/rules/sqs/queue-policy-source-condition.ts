import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asArray, flattenToString, globMatches } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';

/** The services that send to queues on behalf of a resource: SNS topics, S3 buckets, EventBridge rules and pipes, Scheduler schedules. */
const DELEGATING_SERVICES = /^(sns|s3|events|pipes|scheduler)\.amazonaws\.com(\.cn)?$/;
/** The condition keys that tie a service's request to a resource or account (checked case-insensitively, as IAM does). */
const SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * SEC2: a queue policy that lets a delegating service principal send messages names the source
 * (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths). Without one, any
 * topic, bucket, rule or schedule of any account can send to the queue through that service (the
 * confused deputy). A condition under an `...IfExists` operator does not count: it holds when the
 * key is missing. Findings per service and statement: `<service>:<Sid or position>`.
 */
export const queuePolicySourceCondition: GuardrailsRule = {
  id: 'QueuePolicySourceCondition',
  level: NagMessageLevel.ERROR,
  practice: 'SEC2',
  info: 'A queue policy lets a service principal (SNS, S3, EventBridge, Pipes, Scheduler) send messages without an aws:SourceArn or aws:SourceAccount condition.',
  explanation: 'The service sends on behalf of whichever topic, bucket, rule or schedule asks, in any account: without a source condition any of them can write to the queue (the confused deputy). Checked: Allow statements whose actions include sqs:SendMessage (or a wildcard covering it); a condition under an ...IfExists operator does not count, since it holds when the key is missing. Skipped: Deny statements, principals of other services or accounts.',
  fix: 'Add a condition on aws:SourceArn (the topic, bucket, rule or schedule group) or aws:SourceAccount to the statement; aws-cdk-lib\'s SqsSubscription, TopicFanOut and ScheduledJob do.',
  resourceTypes: ['AWS::SQS::QueuePolicy'],
  lookupTypes: [],
  check: (resource) => {
    const statements = asArray<any>(resource.properties.PolicyDocument?.Statement);
    const findings = statements.flatMap((statement, position) => {
      if (statement?.Effect !== 'Allow' || !sendsMessages(statement.Action) || hasSourceCondition(statement.Condition)) return [];
      const services = asArray(statement.Principal?.Service).map(flattenToString).filter((service) => DELEGATING_SERVICES.test(service));
      const where = typeof statement.Sid === 'string' ? statement.Sid : String(position);
      return services.map((service) => `${service.split('.')[0]}:${where}`);
    });
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};

/** Whether the actions include sqs:SendMessage, literally or through a wildcard. */
function sendsMessages(actions: unknown): boolean {
  return asArray(actions).map(flattenToString).some((action) => globMatches(action.toLowerCase(), 'sqs:sendmessage'));
}

function hasSourceCondition(condition: unknown): boolean {
  if (condition === null || typeof condition !== 'object') return false;
  return Object.entries(condition as { [operator: string]: unknown })
    .filter(([operator]) => !/IfExists$/i.test(operator) && !/^Null$/i.test(operator))
    .some(([, keys]) => keys !== null && typeof keys === 'object' && Object.keys(keys).some((key) => SOURCE_KEYS.has(key.toLowerCase())));
}
