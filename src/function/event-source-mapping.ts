import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Subscribes `target` to `source` and returns the mapping it created, so the pattern can expose it
 * and acknowledge rules on exactly that mapping.
 */
export function addEventSourceMapping(target: lambda.IFunction, source: lambda.IEventSource): lambda.EventSourceMapping {
  const before = new Set(target.node.children);
  target.addEventSource(source);
  const created = target.node.children.find((child) => !before.has(child) && child instanceof lambda.EventSourceMapping);
  return created as lambda.EventSourceMapping;
}
