import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { KMS_PRODUCER_ACTIONS } from '../core/limits';

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

/** MSG1/MSG3, SEC1: exactly `KMS_PRODUCER_ACTIONS` on the queue's or topic's customer-managed key. */
function grantProducerKeyUse(grantee: iam.IGrantable, key: kms.IKey | undefined): void {
  key?.grant(grantee, ...KMS_PRODUCER_ACTIONS);
}
