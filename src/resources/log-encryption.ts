import { ArnFormat, Aspects, IAspect, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { KMS_LOGS_SERVICE_ACTIONS } from '../core/limits';

/** The ID of the key `LogEncryption` creates in each stack (one key per stack, shared by every call). */
const KEY_ID = 'GuardrailsLogEncryptionKey';

/**
 * SEC1: one setting for a whole scope (an app, a stack, a construct) that encrypts every log group
 * under it with a customer-managed KMS key, instead of a prop on each construct. Each stack gets
 * one key: rotation on, retained (a retained log group stays readable), and a key policy that lets
 * the CloudWatch Logs service of the stack's region use it only for log groups of the stack's
 * account and region. An Aspect: log groups created after the call are encrypted too; a log group
 * that has a key of its own keeps it. Log groups that CloudFormation does not create (a function's
 * default log group, aws-cdk-lib's `logRetention`) are not reached: the library's constructs create theirs.
 */
export class LogEncryption implements IAspect {
  /** Encrypts every log group under `scope` with its stack's customer-managed key. */
  public static encryptLogGroups(scope: IConstruct): void {
    Aspects.of(scope).add(new LogEncryption());
  }

  /** The key `encryptLogGroups` created in `stack`, if any. */
  public static keyOf(stack: Stack): kms.Key | undefined {
    const key = stack.node.tryFindChild(KEY_ID);
    return key instanceof kms.Key ? key : undefined;
  }

  private constructor() {}

  public visit(node: IConstruct): void {
    if (!(node instanceof logs.CfnLogGroup) || node.kmsKeyId !== undefined) return;
    node.kmsKeyId = keyFor(Stack.of(node)).keyArn;
  }
}

function keyFor(stack: Stack): kms.Key {
  const existing = LogEncryption.keyOf(stack);
  if (existing) return existing;
  const key = new kms.Key(stack, KEY_ID, {
    description: 'Encrypts the CloudWatch Logs log groups of this stack (SEC1)',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'CloudWatchLogsOfThisAccount',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
    actions: KMS_LOGS_SERVICE_ACTIONS,
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      },
    },
  }));
  return key;
}
