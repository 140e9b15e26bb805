import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../core/acknowledge';
import { COGNITO_IDENTITY_ID_VARIABLE, DYNAMODB_ROW_LEVEL_ACTIONS, DYNAMODB_ROW_LEVEL_READ_ACTIONS } from '../core/limits';
import { PropsValidator } from '../core/validation';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';

/** Properties of a UserIdentityPool. */
export interface UserIdentityPoolProps {
  /** The user pool whose signed-in users get AWS credentials (ID3), e.g. `SecureUserPool.userPool`. */
  readonly userPool: cognito.IUserPool;
  /** The app client the users sign in with, e.g. `SecureUserPool.client`. */
  readonly userPoolClient: cognito.IUserPoolClient;
  /**
   * Whether visitors who have not signed in get credentials of the unauthenticated role (ID3).
   * Needs `guestAccessReason`, which acknowledges AwsSolutions-COG7.
   * @default false
   */
  readonly allowGuestAccess?: boolean;
  /**
   * Why guests need AWS credentials. Required with `allowGuestAccess`.
   * @default - none
   */
  readonly guestAccessReason?: string;
  /**
   * A physical name.
   * @default - generated
   */
  readonly identityPoolName?: string;
}

/** What `grantOwnItems` grants. */
export interface OwnItemsGrantOptions {
  /**
   * The item actions, each one of `dynamodb:GetItem`, `BatchGetItem`, `Query`, `PutItem`,
   * `UpdateItem`, `DeleteItem`, `BatchWriteItem` or `ConditionCheckItem` (DB7). `dynamodb:Scan` is
   * refused: it names no key, so `dynamodb:LeadingKeys` cannot limit it.
   */
  readonly actions: string[];
  /**
   * Only these attributes may be read or written (`dynamodb:Attributes`). Reads must then ask for
   * specific attributes (`Select: SPECIFIC_ATTRIBUTES`) and writes may return only these. The key
   * attributes must be listed (checked for a `Table` of this app).
   * @default - every attribute of the user's own items
   */
  readonly attributes?: string[];
}

/**
 * ID3, DB7: a Cognito identity pool on a user pool: signed-in users get temporary AWS credentials
 * of an authenticated role that starts with no permissions; `grantOwnItems` lets each user read
 * and write only the DynamoDB items whose partition key is their identity ID. No guest access
 * unless asked for with a reason; the classic (basic) flow is off.
 */
export class UserIdentityPool extends MonitoredConstruct {
  /** The identity pool (L2), with its role attachment. */
  public readonly identityPool: identitypool.IdentityPool;
  /** The role of signed-in users: trusted by `cognito-identity.amazonaws.com` for this pool's authenticated identities only. */
  public readonly authenticatedRole: iam.IRole;
  /** The role of guests. It has permissions only when you grant it some. */
  public readonly unauthenticatedRole: iam.IRole;
  /** An identity pool has no metrics of its own worth a dashboard: its users' calls are metered by the services they call. */
  public readonly keyMetrics: MonitoredMetric[] = [];

  /**
   * @param scope the construct that holds the identity pool
   * @param id the ID of the identity pool, unique within `scope`
   * @param props UserIdentityPoolProps: the user pool and its client
   */
  constructor(scope: Construct, id: string, props: UserIdentityPoolProps) {
    super(scope, id);
    const guests = props.allowGuestAccess ?? false;
    const validator = new PropsValidator(this);
    if (guests) validator.reason('guestAccessReason', props.guestAccessReason, 'ID3', 'is required with allowGuestAccess (AwsSolutions-COG7)');
    validator.check(!guests && props.guestAccessReason !== undefined, 'guestAccessReason', 'applies with allowGuestAccess: true only', props.guestAccessReason, 'ID3');
    validator.throwIfInvalid();
    this.identityPool = new identitypool.IdentityPool(this, 'Resource', {
      identityPoolName: props.identityPoolName,
      allowUnauthenticatedIdentities: guests,
      allowClassicFlow: false,
      authenticationProviders: {
        userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: props.userPool, userPoolClient: props.userPoolClient })],
      },
    });
    this.authenticatedRole = this.identityPool.authenticatedRole;
    this.unauthenticatedRole = this.identityPool.unauthenticatedRole;
    if (guests) acknowledgeRule(this.identityPool, 'AwsSolutions-COG7', 'ID3', `guest access by explicit choice: ${props.guestAccessReason}`);
  }

  /**
   * DB7: lets each signed-in user run `actions` only on the items of `table` whose partition key is
   * their identity ID (`dynamodb:LeadingKeys` = `${cognito-identity.amazonaws.com:sub}`), and with
   * `attributes` only on those attributes. The table's partition key must hold the identity ID
   * (`<region>:<uuid>`), not the user pool's `sub`. A customer-managed key of a `Table` of this app
   * is granted too.
   */
  public grantOwnItems(table: dynamodb.ITable, options: OwnItemsGrantOptions): iam.Grant {
    validateOwnItems(this, table, options);
    const allowed: { [key: string]: string[] } = { 'dynamodb:LeadingKeys': [COGNITO_IDENTITY_ID_VARIABLE] };
    if (options.attributes) allowed['dynamodb:Attributes'] = options.attributes;
    const grant = iam.Grant.addToPrincipal({
      grantee: this.authenticatedRole,
      actions: options.actions,
      resourceArns: [table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': allowed,
        // With attributes: reads name them, writes return no other (DynamoDB's fine-grained access control).
        ...(options.attributes ? {
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES', 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
        } : {}),
      },
    });
    const writes = options.actions.some((action) => !(DYNAMODB_ROW_LEVEL_READ_ACTIONS as readonly string[]).includes(action));
    if (table.encryptionKey) {
      if (writes) table.encryptionKey.grantEncryptDecrypt(this.authenticatedRole);
      else table.encryptionKey.grantDecrypt(this.authenticatedRole);
    }
    return grant;
  }
}

/** DB7: row-level actions only, and with `attributes` the table's key attributes among them. */
function validateOwnItems(scope: Construct, table: dynamodb.ITable, options: OwnItemsGrantOptions): void {
  const validator = new PropsValidator(scope);
  const allowed = DYNAMODB_ROW_LEVEL_ACTIONS as readonly string[];
  validator.check(options.actions.length === 0, 'grantOwnItems.actions', 'must list at least one item action', 0, 'DB7');
  for (const action of options.actions) {
    validator.check(!allowed.includes(action), 'grantOwnItems.actions',
      `must be one of ${allowed.join(', ')}: dynamodb:LeadingKeys limits only actions that name their keys (a Scan reads every row)`, action, 'DB7');
  }
  if (options.attributes) {
    validator.check(options.attributes.length === 0, 'grantOwnItems.attributes', 'must list at least one attribute, or be left out', 0, 'DB7');
    const schema = table instanceof dynamodb.Table ? table.schemaV2() : undefined;
    for (const key of [...schema?.partitionKeys ?? [], ...schema?.sortKeys ?? []]) {
      validator.check(!options.attributes.includes(key.name), 'grantOwnItems.attributes',
        `must include the key attribute ${key.name}: every request names it`, options.attributes.join(','), 'DB7');
    }
  }
  validator.throwIfInvalid();
}
