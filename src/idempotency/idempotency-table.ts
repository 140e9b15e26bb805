import { Duration, RemovalPolicy, Tokenization } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { IDEMPOTENCY_DEFAULTS } from '../core/defaults';
import { DYNAMODB_TABLE_NAME, LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../core/limits';
import { PropsValidator, secondsOf } from '../core/validation';
import { AlarmOptions } from '../observability/alarm-options';
import { tableKeyMetrics, tableThrottlesAlarm } from '../observability/dynamodb-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';

/** The item actions of Powertools' DynamoDB persistence layer: its docs list exactly these four. */
const ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const ITEM_OPERATIONS = [dynamodb.Operation.GET_ITEM, dynamodb.Operation.PUT_ITEM, dynamodb.Operation.UPDATE_ITEM, dynamodb.Operation.DELETE_ITEM];

/** The props of an IdempotencyTable. */
export interface IdempotencyTableProps extends AlarmOptions {
  /**
   * How long a completed record answers repeats of its event (Powertools' `expiresAfterSeconds`,
   * passed to the handler in IDEMPOTENCY_EXPIRES_AFTER_SECONDS): whole seconds, longer than the
   * timeout of every function granted, or a retry after the record expired runs the work again.
   * @default Duration.hours(1) (Powertools' default)
   */
  readonly recordExpiry?: Duration;
  /**
   * The table's name: 3–255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
   * @default - a name CloudFormation generates
   */
  readonly tableName?: string;
}

/**
 * ES5: the DynamoDB table that the idempotency utility of Powertools for AWS Lambda (TypeScript)
 * expects with its defaults: partition key `id` (String), TTL on `expiration`; on-demand,
 * point-in-time recovery, deletion protection, retained. `grant(fn)` gives a function exactly the
 * four item actions the utility uses and passes the table name and the record expiry in its
 * environment. An alarm fires on throttled requests (OBS1).
 */
export class IdempotencyTable extends MonitoredConstruct {
  /** The table. */
  public readonly table: dynamodb.Table;
  /** How long a completed record answers repeats of its event. */
  public readonly recordExpiry: Duration;
  /** Fires on throttled requests to the table (OBS1). */
  public readonly throttlesAlarm: cloudwatch.Alarm;
  /** Consumed read and write capacity, throttled requests (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the table
   * @param id the ID of the table, unique within `scope`
   * @param props the record expiry, the table's name and where its alarm goes
   */
  constructor(scope: Construct, id: string, props: IdempotencyTableProps = {}) {
    super(scope, id);
    this.recordExpiry = props.recordExpiry ?? Duration.seconds(IDEMPOTENCY_DEFAULTS.recordExpirySeconds);
    const expirySeconds = secondsOf(this.recordExpiry);
    new PropsValidator(this)
      .check(expirySeconds !== undefined && !(Number.isInteger(expirySeconds) && expirySeconds >= 1), 'recordExpiry',
        'must be a whole number of seconds, at least 1 (Powertools\' expiresAfterSeconds)', expirySeconds, 'ES5', 's')
      .tokenDurationUnit('recordExpiry', this.recordExpiry, ['seconds'], 'ES5')
      .format('tableName', props.tableName, DYNAMODB_TABLE_NAME)
      .throwIfInvalid();

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: IDEMPOTENCY_DEFAULTS.keyAttribute, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_DEFAULTS.expiryAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.throttlesAlarm = tableThrottlesAlarm(this, 'ThrottlesAlarm', this.table, ITEM_OPERATIONS, props.alarmTopic);
    this.keyMetrics = tableKeyMetrics(this.table, ITEM_OPERATIONS);
  }

  /**
   * Lets `fn` keep its idempotency records here: GetItem, PutItem, UpdateItem and DeleteItem on
   * the table, nothing else, and IDEMPOTENCY_TABLE_NAME and IDEMPOTENCY_EXPIRES_AFTER_SECONDS in
   * its environment. The record expiry must outlast the function's timeout (when both are known).
   * @param fn a function of this app (a lambda.Function, or an alias or version of one; a
   * GuardedFunction's `alias`), whose environment can be set
   */
  public grant(fn: lambda.IFunction): iam.Grant {
    const target = functionBehind(fn);
    const timeoutSeconds = target ? secondsOf(target.timeout ?? Duration.seconds(LAMBDA_DEFAULT_TIMEOUT_SECONDS)) : undefined;
    const expirySeconds = secondsOf(this.recordExpiry);
    new PropsValidator(this)
      .check(target === undefined, 'grant(fn)', 'must be a function of this app (a lambda.Function, or its alias or version): the table name goes into its environment',
        fn.node.path, 'ES5')
      .check(timeoutSeconds !== undefined && expirySeconds !== undefined && expirySeconds <= timeoutSeconds, 'recordExpiry',
        `must be longer than the timeout of ${fn.node.path} (${timeoutSeconds} s): a retry after the record expired runs the work again`,
        expirySeconds, 'ES5', 's')
      .throwIfInvalid();
    target!.addEnvironment(IDEMPOTENCY_DEFAULTS.tableNameVariable, this.table.tableName);
    // A token stays a token in the text (String() of a number token would not).
    target!.addEnvironment(IDEMPOTENCY_DEFAULTS.expiryVariable, Tokenization.stringifyNumber(this.recordExpiry.toSeconds()));
    return this.table.grant(fn, ...ITEM_ACTIONS);
  }
}

/** The function of this app that `fn` is or points to (through an alias or a version). */
function functionBehind(fn: lambda.IFunction): lambda.Function | undefined {
  if (fn instanceof lambda.Function) return fn;
  if (fn instanceof lambda.Alias) return functionBehind(fn.version);
  if (fn instanceof lambda.Version) return functionBehind(fn.lambda);
  return undefined;
}
