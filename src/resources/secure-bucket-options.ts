import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * The options of a bucket the library creates (EV3): whatever they say, it blocks all public
 * access, accepts TLS only, is encrypted, versioned, logs its access and is retained.
 */
export interface SecureBucketOptions {
  /**
   * A customer-managed key: SSE-KMS with a bucket key (fewer KMS requests).
   * @default - SSE-S3 (S3-managed keys)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * How long noncurrent (overwritten or deleted) object versions are kept before they expire: whole
   * days, at least 1.
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Where the server access logs go.
   * @default - a log bucket of the library (SSE-S3, locked down, logs expire after 90 days, retained)
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * A prefix for the access logs in the log bucket.
   * @default - none
   */
  readonly accessLogsPrefix?: string;
}
