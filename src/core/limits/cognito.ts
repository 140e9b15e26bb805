import { URL } from 'url';
import type { FormatRule } from '../rules';

/** Amazon Cognito limits and formats (ID, API2). */

/** API2: Cognito resource server identifiers: printable ASCII without space, " and backslash, 1–256 characters. */
export const COGNITO_RESOURCE_SERVER_IDENTIFIER: FormatRule = {
  rule: 'must be 1–256 printable ASCII characters without space, " or \\ (Cognito resource server identifier)',
  practice: 'API2',
  test: (identifier) => /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier),
};
/** API2: Cognito custom scope names: as identifiers, and without a slash. */
export const COGNITO_SCOPE_NAME: FormatRule = {
  rule: 'must be 1–256 printable ASCII characters without space, ", / or \\ (Cognito scope name)',
  practice: 'API2',
  test: (scope) => /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(scope),
};
/** API2: a custom scope's description, at most 256 characters. */
export const COGNITO_SCOPE_DESCRIPTION_MAX_LENGTH = 256;
/** API2: the app client lists a custom scope as `<identifier>/<scope>`, at most 256 characters. */
export const COGNITO_QUALIFIED_SCOPE_MAX_LENGTH = 256;
/** API2: custom scopes of one resource server. */
export const COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER = 100;
/** ID2: the reserved words Cognito refuses in a prefix domain. */
export const COGNITO_DOMAIN_RESERVED_WORDS = ['aws', 'amazon', 'cognito'] as const;
/** ID2: Cognito prefix domains (`<prefix>.auth.<region>.amazoncognito.com`). */
export const COGNITO_DOMAIN_PREFIX: FormatRule = {
  rule: `must be 1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, without the reserved words ${COGNITO_DOMAIN_RESERVED_WORDS.join(', ')}`,
  practice: 'ID2',
  test: (prefix) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) && COGNITO_DOMAIN_RESERVED_WORDS.every((word) => !prefix.includes(word)),
};
/** ID2: schemes that must never receive an authorization code (script, local or inline content). */
const UNSAFE_REDIRECT_SCHEMES = ['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:'];
/**
 * ID2: OAuth callback and logout URLs, as Cognito takes them: absolute, at most 1024 characters,
 * without a fragment; HTTPS, except `http://localhost` and `http://127.0.0.1` for local testing;
 * app URLs with a custom scheme (`myapp://callback`) for mobile apps.
 */
export const COGNITO_REDIRECT_URL: FormatRule = {
  rule: 'must be an absolute URL without a fragment, at most 1024 characters: https://…, http://localhost or http://127.0.0.1 (any port), or an app URL such as myapp://callback',
  practice: 'ID2',
  test: (url) => {
    if (url.length > 1_024 || url.includes('#') || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/.test(url)) return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'https:') return parsed.hostname !== '';
    if (parsed.protocol === 'http:') return parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
    return !UNSAFE_REDIRECT_SCHEMES.includes(parsed.protocol);
  },
};

/** ID3, DB7: the IAM policy variable of the caller's Cognito identity ID (`<region>:<uuid>`). */
export const COGNITO_IDENTITY_ID_VARIABLE = '${cognito-identity.amazonaws.com:sub}';
/** ID3: the service principal that Cognito identity pools assume roles as. */
export const COGNITO_IDENTITY_PRINCIPAL = 'cognito-identity.amazonaws.com';
