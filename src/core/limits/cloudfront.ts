import type { FormatRule } from '../rules';

/** Amazon CloudFront limits (EV4). */

/** EV4, API9: CloudFront serves only ACM certificates of us-east-1 (an EDGE API's too). */
export const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';
/** EV4: Lambda@Edge functions are created in us-east-1 and replicated from there. */
export const LAMBDA_EDGE_REGION = 'us-east-1';
/** EV4: the default root object is an object key, without a leading slash (CloudFront's rule), at most 255 characters. */
export const CLOUDFRONT_DEFAULT_ROOT_OBJECT: FormatRule = {
  rule: 'must be an object key of 1–255 characters without a leading slash, e.g. index.html',
  practice: 'EV4',
  test: (key) => key.length >= 1 && key.length <= 255 && !key.startsWith('/'),
};
