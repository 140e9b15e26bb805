import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * DEP1: acknowledges a nag rule on `scope` (and everything below it) with a reason that cites the
 * practice ID, so every deliberate exception sits in code next to its resource.
 */
export function acknowledgeRule(scope: IConstruct, ruleId: string, practice: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason: `${practice}: ${reason}` });
}
