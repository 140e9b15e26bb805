import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import type { IndexedResource, TemplateIndex } from './template-index';

/**
 * One rule of the pack, in its own file under `rules/<area>/`: what the README table shows, the
 * resource types it reads, and the check.
 */
export interface GuardrailsRule {
  /** The rule ID without the pack prefix. */
  readonly id: string;
  readonly level: NagMessageLevel;
  /** The practice ID of docs/PRACTICES.md. */
  readonly practice: string;
  /** What was found (shown with every finding). */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resource types the rule judges: the pack runs it on these and no others. */
  readonly resourceTypes: readonly string[];
  /**
   * The other resource types the check reads through the template index (those of each lookup it
   * calls: `LOOKUP_TYPES`, `EVENT_SOURCE_TYPES`). The pack indexes only the types its rules
   * declare, and the index refuses a lookup of any other type, so a rule's tests catch a type it
   * forgot to declare.
   */
  readonly lookupTypes: readonly string[];
  /**
   * A cheap test on the L1 before it is rendered: false when the check would surely find the
   * resource not applicable or compliant (cdk-nag reports neither). The pack renders a resource only for the rules that may apply, so a
   * rule judging a common type (every IAM role) costs little on the resources it skips. Must answer
   * true when it cannot tell (an unresolved token).
   */
  readonly mayApply?: (node: CfnResource) => boolean;
  /** The check of one resource of `resourceTypes`. */
  readonly check: (resource: IndexedResource, index: TemplateIndex) => NagRuleResult;
}
