import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The event source mapping of a function with one event source. */
export function mappingOf(f: lambda.Function): lambda.EventSourceMapping {
  return f.node.children.find((c) => c instanceof lambda.EventSourceMapping) as lambda.EventSourceMapping;
}
