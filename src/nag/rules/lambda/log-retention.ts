import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { flattenToString, isAbsent } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * FN8: a function's logs go to a log group with a finite retention, else they are kept (and
 * billed) forever. The log group is the one of `LoggingConfig.LogGroup`, or else Lambda's default
 * `/aws/lambda/<function name>`; it has a retention when the stack creates it with
 * RetentionInDays, or sets one through aws-cdk-lib's `logRetention` (Custom::LogRetention). A
 * default log group the stack does not create is created by Lambda without retention: a finding.
 *
 * Not applicable: functions only CloudFormation invokes at deploy time (custom resource handlers,
 * among them aws-cdk-lib's own, whose log groups no prop reaches), a `LoggingConfig.LogGroup` the
 * stack does not create (its retention is set elsewhere), names only known at deploy time.
 */
export const lambdaLogRetention: GuardrailsRule = {
  id: 'LambdaLogRetention',
  level: NagMessageLevel.WARN,
  practice: 'FN8',
  info: 'The Lambda function logs to a log group without retention.',
  explanation: 'Lambda creates its default log group (`/aws/lambda/` + the function name) on first use with "never expire": logs are kept and billed forever. Retention counts when the stack creates the log group (default or LoggingConfig.LogGroup) with RetentionInDays, or sets it with aws-cdk-lib\'s logRetention (Custom::LogRetention). Skipped: functions only CloudFormation invokes (custom resource handlers), a LoggingConfig.LogGroup the stack does not create, names only known at deploy time.',
  fix: 'Give the function a log group of its own with a retention (`logGroup` with `retention`; GuardedFunction does), or a LoggingConfig.LogGroup with one.',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [...LOOKUP_TYPES.isDeployTimeFunction, ...LOOKUP_TYPES.logGroupRetention],
  check: (resource, index) => {
    if (index.isDeployTimeFunction(resource.logicalId)) return NagRuleCompliance.NOT_APPLICABLE;
    const configured = resource.properties.LoggingConfig?.LogGroup;
    if (!isAbsent(configured)) {
      // A Ref to a log group of the stack is its name.
      const group = index.referenced(configured, 'AWS::Logs::LogGroup')[0];
      const retention = group
        ? !isAbsent(group.properties.RetentionInDays) || index.logGroupRetention(flattenToString(group.properties.LogGroupName)) === true
        : index.logGroupRetention(flattenToString(configured));
      if (retention === undefined) return NagRuleCompliance.NOT_APPLICABLE;
      return retention ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    // Lambda's default log group, named after the function: `{ Ref: <function> }` in CDK's log groups.
    const name = resource.properties.FunctionName;
    const names = [`/aws/lambda/<${resource.logicalId}>`, ...(isAbsent(name) ? [] : [`/aws/lambda/${flattenToString(name)}`])];
    if (names.some((candidate) => candidate.includes('<?>'))) return NagRuleCompliance.NOT_APPLICABLE;
    return names.some((candidate) => index.logGroupRetention(candidate)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
