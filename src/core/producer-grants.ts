import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * MSG1/MSG3, SEC1: what a producer needs on the customer-managed key of an encrypted SQS queue or
 * SNS topic: a data key to encrypt the message (`kms:GenerateDataKey`) and `kms:Decrypt`, which
 * SQS and SNS call to reuse a cached data key. Exactly these two: the L2 grants add
 * `kms:GenerateDataKey*`, `kms:ReEncrypt*` and `kms:Encrypt`, wildcards that would need an
 * acknowledgement and that no producer uses.
 */
export const KMS_PRODUCER_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/**
 * Lets `grantee` send messages to `queue` (and use its key, if any) and nothing else. The grant goes
 * on the producer's own policy; a queue in another account needs its own resource policy.
 */
export function grantSendToQueue(grantee: iam.IGrantable, queue: sqs.IQueue): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['sqs:SendMessage'], resourceArns: [queue.queueArn] });
  grantProducerKeyUse(grantee, queue.encryptionMasterKey);
}

/** Lets `grantee` publish to `topic` (and use its key, if any) and nothing else. */
export function grantPublishToTopic(grantee: iam.IGrantable, topic: sns.ITopic): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['sns:Publish'], resourceArns: [topic.topicArn] });
  grantProducerKeyUse(grantee, topic.masterKey);
}

function grantProducerKeyUse(grantee: iam.IGrantable, key: kms.IKey | undefined): void {
  key?.grant(grantee, ...KMS_PRODUCER_ACTIONS);
}
