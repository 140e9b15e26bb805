import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { COGNITO_IDENTITY_ID_VARIABLE, COGNITO_IDENTITY_PRINCIPAL, DYNAMODB_ROW_LEVEL_ACTIONS } from '../../../core/limits';
import { asArray, CfnValue, flattenToString, globMatches } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { mayHoldText } from '../../raw-property';
import { LOOKUP_TYPES } from '../../template-index';

/** The DynamoDB item actions a user of an identity pool must only run on their own rows: those LeadingKeys limits, and Scan. */
const ITEM_ACTIONS: readonly string[] = [...DYNAMODB_ROW_LEVEL_ACTIONS, 'dynamodb:Scan'];

interface Statement {
  readonly Effect?: string;
  readonly Action?: CfnValue;
  readonly Principal?: CfnValue;
  readonly Condition?: { [operator: string]: { [key: string]: CfnValue } };
}

/**
 * DB7, ID3: a role that Cognito identities assume must grant DynamoDB item actions only on the
 * caller's own rows: `ForAllValues:StringEquals` `dynamodb:LeadingKeys` = the identity ID.
 */
export const identityPoolRowLevelAccess: GuardrailsRule = {
  id: 'IdentityPoolRowLevelAccess',
  level: NagMessageLevel.ERROR,
  practice: 'DB7',
  info: 'A role trusted by cognito-identity.amazonaws.com grants DynamoDB item actions without the dynamodb:LeadingKeys condition on the identity ID.',
  explanation: 'Every signed-in user gets this role\'s credentials in the browser: without the condition each of them can read or write every user\'s items. '
    + 'A Scan names no key, so the condition cannot limit it; a managed DynamoDB policy cannot carry the condition either. Actions matched with wildcards count. (ID3)',
  fix: 'Grant item actions with the condition ForAllValues:StringEquals dynamodb:LeadingKeys = ${cognito-identity.amazonaws.com:sub} '
    + '(UserIdentityPool.grantOwnItems does), store the identity ID as the partition key, and grant no Scan.',
  resourceTypes: ['AWS::IAM::Role'],
  lookupTypes: LOOKUP_TYPES.statementsOfRole,
  // Most roles are trusted by services, not identity pools: those are never rendered.
  mayApply: (node) => mayHoldText(node, 'AssumeRolePolicyDocument', 'cognito'),
  check: (resource, index) => {
    const trust = asArray<Statement>((resource.properties.AssumeRolePolicyDocument as { Statement?: CfnValue } | undefined)?.Statement);
    const federated = (statement: Statement) => asArray((statement.Principal as { Federated?: CfnValue } | undefined)?.Federated);
    const trustedByIdentityPool = trust.some((statement) => statement.Effect === 'Allow'
      && federated(statement).some((principal) => flattenToString(principal) === COGNITO_IDENTITY_PRINCIPAL));
    if (!trustedByIdentityPool) return NagRuleCompliance.NOT_APPLICABLE;
    const managed = asArray(resource.properties.ManagedPolicyArns).some((arn) => /:policy\/AmazonDynamoDB/i.test(flattenToString(arn)));
    const statements = index.statementsOfRole(resource.logicalId, grantsItemAction) as Statement[];
    const unlimited = statements.some((statement) => statement.Effect === 'Allow'
      && asArray(statement.Action).some((action) => grantsItemAction(flattenToString(action))) && !limitsToOwnRows(statement));
    return managed || unlimited ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** Whether an IAM action pattern (`dynamodb:Get*`, `*`) matches the action `name`, case-insensitively as IAM does. */
function actionMatches(pattern: string, name: string): boolean {
  return globMatches(pattern.toLowerCase(), name.toLowerCase());
}

/** Whether an action (possibly with wildcards) matches one of the item actions. */
function grantsItemAction(action: string): boolean {
  return ITEM_ACTIONS.some((item) => actionMatches(action, item));
}

/**
 * Whether every item action of the statement is limited to the caller's rows: no Scan, and
 * `dynamodb:LeadingKeys` under `ForAllValues:StringEquals` with the identity ID as its only value.
 */
function limitsToOwnRows(statement: Statement): boolean {
  if (asArray(statement.Action).some((action) => actionMatches(flattenToString(action), 'dynamodb:Scan'))) return false;
  const operator = Object.entries(statement.Condition ?? {}).find(([name]) => name.toLowerCase() === 'forallvalues:stringequals')?.[1] ?? {};
  const values = Object.entries(operator).find(([key]) => key.toLowerCase() === 'dynamodb:leadingkeys')?.[1];
  const keys = asArray(values).map(flattenToString);
  return keys.length > 0 && keys.every((key) => key === COGNITO_IDENTITY_ID_VARIABLE);
}
