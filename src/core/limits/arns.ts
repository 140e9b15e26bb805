import type { FormatRule } from '../rules';

/** ARN formats of services the library only references (WAFv2, ACM). */

/** The partition, region and account fields of an ARN (`arn:aws-cn:acm:cn-north-1:123456789012:`). */
const ARN_PREFIX = 'arn:aws[-a-z]*:([a-z0-9-]+):([a-z]{2}(?:-[a-z]+)+-\\d):\\d{12}:';
/** API3: only a regional WAFv2 web ACL can protect a REST API stage. */
export const WAFV2_REGIONAL_WEB_ACL_ARN: FormatRule = {
  rule: 'must be the ARN of a regional WAFv2 web ACL: arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>',
  practice: 'API3',
  test: (arn) => new RegExp(`^${ARN_PREFIX}regional/webacl/[\\w-]{1,128}/[A-Za-z0-9-]{1,128}$`).exec(arn)?.[1] === 'wafv2',
};
/** API9: an ACM certificate ARN. */
export const ACM_CERTIFICATE_ARN: FormatRule = {
  rule: 'must be an ACM certificate ARN: arn:<partition>:acm:<region>:<account>:certificate/<id>',
  practice: 'API9',
  test: (arn) => new RegExp(`^${ARN_PREFIX}certificate/[A-Za-z0-9-]+$`).exec(arn)?.[1] === 'acm',
};
/** The region field of an ARN that passed one of the ARN rules above. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3];
}
/** EV4: only a WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1, `global/`) can protect a distribution. */
export const WAFV2_CLOUDFRONT_WEB_ACL_ARN: FormatRule = {
  rule: 'must be the ARN of a WAFv2 web ACL of scope CLOUDFRONT: arn:<partition>:wafv2:us-east-1:<account>:global/webacl/<name>/<id>',
  practice: 'EV4',
  test: (arn) => {
    const match = new RegExp(`^${ARN_PREFIX}global/webacl/[\\w-]{1,128}/[A-Za-z0-9-]{1,128}$`).exec(arn);
    return match?.[1] === 'wafv2' && match[2] === 'us-east-1';
  },
};
