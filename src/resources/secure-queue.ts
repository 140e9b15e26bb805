import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * MSG1, SEC1: what every queue of the library is: encrypted with the customer-managed `key` when one
 * is given (SSE-KMS), else with SQS-managed keys (SSE-SQS), and reachable over TLS only.
 */
export function secureQueueProps(key?: kms.IKey): Pick<sqs.QueueProps, 'encryption' | 'encryptionMasterKey' | 'enforceSSL'> {
  return {
    encryption: key ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED,
    encryptionMasterKey: key,
    enforceSSL: true,
  };
}
