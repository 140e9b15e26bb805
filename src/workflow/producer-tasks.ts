import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { KMS_PRODUCER_ACTIONS } from '../core/limits';

/**
 * MSG1/SEC1: SqsSendMessage with exactly the key actions a producer needs on a queue's
 * customer-managed key (`KMS_PRODUCER_ACTIONS`). aws-cdk-lib grants `kms:GenerateDataKey*`, a
 * wildcard that AwsSolutions-IAM5 reports and that no producer uses.
 */
export class ExactKeySqsSendMessage extends tasks.SqsSendMessage {
  constructor(scope: Construct, id: string, props: tasks.SqsSendMessageProps) {
    super(scope, id, props);
    replaceKeyStatements(this.taskPolicies, props.queue.encryptionMasterKey);
  }
}

/**
 * MSG3/SEC1: SnsPublish plus the key actions a producer needs on a topic's customer-managed key:
 * aws-cdk-lib grants only `sns:Publish`, so publishing to an encrypted topic fails with a KMS
 * access error at run time.
 */
export class ExactKeySnsPublish extends tasks.SnsPublish {
  constructor(scope: Construct, id: string, props: tasks.SnsPublishProps) {
    super(scope, id, props);
    replaceKeyStatements(this.taskPolicies, props.topic.masterKey);
  }
}

/** Drops the task's own KMS statements and grants `KMS_PRODUCER_ACTIONS` on `key` instead. */
function replaceKeyStatements(policies: iam.PolicyStatement[] | undefined, key: kms.IKey | undefined): void {
  if (!policies || !key) return;
  const kept = policies.filter((statement) => !statement.actions.every((action) => action.startsWith('kms:')));
  policies.splice(0, policies.length, ...kept, new iam.PolicyStatement({ actions: KMS_PRODUCER_ACTIONS, resources: [key.keyArn] }));
}
