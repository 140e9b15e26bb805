/**
 * Helpers for resolved CloudFormation values (the JSON a template holds: strings, numbers,
 * intrinsic functions).
 */

/** A resolved CloudFormation value. */
export type CfnValue = unknown;

/** The logical IDs a value refers to through Ref, Fn::GetAtt or `${Id}` / `${Id.Attr}` in Fn::Sub. */
export function referencedLogicalIds(value: CfnValue, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => referencedLogicalIds(item, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') {
        out.add(inner);
      } else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? inner[0] : typeof inner === 'string' ? inner.split('.')[0] : undefined;
        if (typeof target === 'string') out.add(target);
      } else if (key === 'Fn::Sub') {
        const template = Array.isArray(inner) ? inner[0] : inner;
        if (typeof template === 'string') {
          for (const match of template.matchAll(/\$\{([^}.!]+)(?:\.[^}]*)?\}/g)) out.add(match[1]);
        }
        if (Array.isArray(inner)) referencedLogicalIds(inner[1], out);
      } else {
        referencedLogicalIds(inner, out);
      }
    }
  }
  return out;
}

/**
 * A value as one string for pattern checks: literals as written, anything only known at deploy
 * time as `<...>` (e.g. `logs.<AWS::Region>.amazonaws.com`).
 */
export function flattenToString(value: CfnValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object') {
    const join = (value as { 'Fn::Join'?: [unknown, unknown] })['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map(flattenToString).join(String(join[0]));
    const ref = (value as { Ref?: unknown }).Ref;
    if (typeof ref === 'string') return `<${ref}>`;
    const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const sub = (value as { 'Fn::Sub'?: unknown })['Fn::Sub'];
    if (typeof sub === 'string' || (Array.isArray(sub) && typeof sub[0] === 'string')) return flattenSub(sub as string | [string, unknown?]);
  }
  return '<?>';
}

/** An Fn::Sub template with its variables flattened: `${AWS::Region}` → `<AWS::Region>`, `${!x}` → `${x}`. */
function flattenSub(sub: string | [string, unknown?]): string {
  const [template, variables] = typeof sub === 'string' ? [sub, undefined] : sub;
  const bound = (variables !== null && typeof variables === 'object' ? variables : {}) as { [name: string]: unknown };
  return template.replace(/\$\{(!?)([^}]*)\}/g, (_, escaped: string, name: string) => {
    if (escaped) return `\${${name}}`;
    return name in bound ? flattenToString(bound[name]) : `<${name}>`;
  });
}

/** A literal number, or undefined when the value is absent or only known at deploy time. */
export function literalNumber(value: CfnValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/**
 * A property's number with CloudFormation's default when it is not set: undefined only when it is
 * set to something known only at deploy time.
 */
export function numberOrDefault(value: CfnValue, defaultValue: number): number | undefined {
  return value === undefined ? defaultValue : literalNumber(value);
}

/** Whether a value is absent. */
export function isAbsent(value: CfnValue): boolean {
  return value === undefined || value === null;
}

/** `value` as an array ([] when absent, [value] when single). */
export function asArray<T = CfnValue>(value: unknown): T[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** IAM's wildcard match: `*` any characters, `?` one character. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  let regex = GLOB_REGEXES.get(pattern);
  if (!regex) {
    // A template holds few distinct patterns, each matched against many values: compiled once.
    if (GLOB_REGEXES.size >= MAX_CACHED_GLOBS) GLOB_REGEXES.clear();
    regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    GLOB_REGEXES.set(pattern, regex);
  }
  return regex.test(value);
}

/** Compiled wildcard patterns, cleared when full so a long-lived process does not grow without bound. */
const GLOB_REGEXES = new Map<string, RegExp>();
const MAX_CACHED_GLOBS = 1000;
