import { CfnResource, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { AppConstructs } from './app-constructs';
import { CrossStackHandlers } from './custom-resource-handlers';
import { GUARDRAILS_PACK_NAME, GUARDRAILS_RULES, INDEXED_TYPES, RULES_BY_RESOURCE_TYPE } from './rule-catalog';
import { TemplateIndex } from './template-index';

/** What cdk-nag shows with each finding of a rule: written once per rule, not once per resource. */
const MESSAGES = new Map(GUARDRAILS_RULES.map((rule) => [rule, { info: `${rule.info} (${rule.practice})`, explanation: `${rule.explanation} Fix: ${rule.fix}` }]));

/**
 * The serverless practices that cdk-nag's AwsSolutions and Serverless packs do not check, as a
 * cdk-nag v3 pack (rule IDs `Guardrails-*`, each citing its practice ID). Register it like any pack:
 * `Validations.of(app).addPlugins(new ServerlessGuardrailsChecks())`, or call
 * `validateScope(scope)` directly. Acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id: 'Guardrails-<Rule>[<finding>]', reason })`.
 */
export class ServerlessGuardrailsChecks extends NagPack {
  public readonly name = GUARDRAILS_PACK_NAME;
  public readonly ruleIds?: string[] = GUARDRAILS_RULES.map((rule) => `${GUARDRAILS_PACK_NAME}-${rule.id}`);
  /** The template of each stack, rendered once per validation run. */
  private readonly indexes = new Map<Stack, TemplateIndex>();
  /** What custom resources reach across the stacks of the app, found once per validation run. */
  private crossStackHandlers?: CrossStackHandlers;

  /**
   * @param scope not used by cdk-nag v3 (kept for its NagPack signature)
   * @param props the pack's options (verbose findings, suppression reasons in the report, ...)
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = GUARDRAILS_PACK_NAME;
  }

  /** The pack's name, the prefix of its rule IDs: `Guardrails`. */
  public get readPackName(): string {
    return super.readPackName;
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.indexes.clear();
    this.crossStackHandlers = undefined;
    try {
      return super.validateScope(scope);
    } finally {
      this.indexes.clear();
      this.crossStackHandlers = undefined;
    }
  }

  protected checkResource(node: CfnResource): void {
    // Only resources some rule judges are rendered; the others cost one map lookup.
    const rules = RULES_BY_RESOURCE_TYPE.get(node.cfnResourceType)?.filter((rule) => rule.mayApply?.(node) ?? true);
    if (!rules || rules.length === 0) return;
    const index = this.indexOf(Stack.of(node));
    const resource = index.resourceOf(node);
    if (!resource) return;
    for (const rule of rules) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        ...MESSAGES.get(rule)!,
        level: rule.level,
        node,
        rule: () => rule.check(resource, index),
      });
    }
  }

  private indexOf(stack: Stack): TemplateIndex {
    let index = this.indexes.get(stack);
    if (!index) {
      this.crossStackHandlers ??= new CrossStackHandlers(new AppConstructs(stack.node.root));
      index = new TemplateIndex(stack, INDEXED_TYPES, this.crossStackHandlers);
      this.indexes.set(stack, index);
    }
    return index;
  }
}
