import { CfnResource, Stack, Tokenization } from 'aws-cdk-lib';

/** A property as the construct holds it, before resolution (a property override wins). */
export function rawProperty(node: CfnResource, name: string): unknown {
  const l1 = node as unknown as { cfnProperties: { [key: string]: unknown }; rawOverrides?: { Properties?: { [key: string]: unknown } } };
  const overrides = l1.rawOverrides?.Properties;
  if (overrides && name in overrides) return overrides[name];
  return l1.cfnProperties[name] ?? l1.cfnProperties[name.charAt(0).toLowerCase() + name.slice(1)];
}

/**
 * Whether a property may hold `marker` once resolved, found without resolving it as a whole: its
 * JSON (an L2 policy document writes itself as JSON, tokens left in) or the value of one of its
 * tokens holds the marker. Resolving each token on its own (a service principal, a reference)
 * costs a fraction of resolving the document. An intrinsic that only CloudFormation turns into
 * text (Fn::Join, Fn::Sub) holds the marker in one of its parts when it can form it.
 */
export function mayHoldText(node: CfnResource, name: string, marker: string): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(rawProperty(node, name));
  } catch {
    return true;
  }
  if (json === undefined) return false;
  if (json.includes(marker) || json.includes('<unresolved-token>')) return true;
  const stack = Stack.of(node);
  return Tokenization.reverseString(json).tokens.some((token) => JSON.stringify(stack.resolve(token) ?? null).includes(marker));
}
