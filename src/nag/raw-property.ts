import { CfnResource, Stack, Token, Tokenization } from 'aws-cdk-lib';

/** A property as the construct holds it, before resolution (a property override wins). */
export function rawProperty(node: CfnResource, name: string): unknown {
  const l1 = node as unknown as { cfnProperties: { [key: string]: unknown }; rawOverrides?: { Properties?: { [key: string]: unknown } } };
  const overrides = l1.rawOverrides?.Properties;
  if (overrides && name in overrides) return overrides[name];
  return l1.cfnProperties[name] ?? l1.cfnProperties[name.charAt(0).toLowerCase() + name.slice(1)];
}

/**
 * Whether a property may hold `marker` once resolved, found without resolving it as a whole: one
 * of its strings (keys too) holds the marker, or the value of one of its tokens does. An L2 policy
 * document is read as the JSON it writes (tokens left in). Resolving each token on its own (a
 * service principal, a reference) costs a fraction of resolving the document. An intrinsic that
 * only CloudFormation turns into text (Fn::Join, Fn::Sub) holds the marker in one of its parts when
 * it can form it.
 */
export function mayHoldText(node: CfnResource, name: string, marker: string): boolean {
  const stack = Stack.of(node);
  const holds = (text: string): boolean => {
    if (text.includes(marker)) return true;
    if (!Token.isUnresolved(text)) return false;
    return Tokenization.reverseString(text).tokens.some((token) => holdsMarker(stack.resolve(token), marker));
  };
  return mayHold(rawProperty(node, name), holds, 0);
}

/** Deeper than any policy document: a value nested further (a cycle) may hold anything. */
const MAX_DEPTH = 32;

/** Whether a value before resolution may hold text `holds` accepts; true for what it cannot read. */
function mayHold(value: unknown, holds: (text: string) => boolean, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  switch (typeof value) {
    case 'string':
      return holds(value);
    case 'number':
      return Token.isUnresolved(value);
    case 'boolean':
    case 'undefined':
      return false;
    case 'object': {
      if (value === null) return false;
      if (Array.isArray(value)) return value.some((item) => mayHold(item, holds, depth + 1));
      // An object that writes itself as JSON (an L2 PolicyDocument, tokens left in) is read as that
      // JSON; a token object (a lazy value, an intrinsic) writes a placeholder such as `<Fn::Join>`.
      const toJson = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJson === 'function') {
        const json: unknown = toJson.call(value);
        return typeof json === 'string' && json.startsWith('<') ? true : mayHold(json, holds, depth + 1);
      }
      if (Tokenization.isResolvable(value)) return true;
      for (const [key, inner] of Object.entries(value)) {
        if (holds(key) || mayHold(inner, holds, depth + 1)) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

/** Whether a resolved value holds the marker in one of its strings. */
function holdsMarker(value: unknown, marker: string): boolean {
  return JSON.stringify(value ?? null).includes(marker);
}
