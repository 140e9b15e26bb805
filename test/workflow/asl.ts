import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * The definition of the state machine as the synthesized template holds it (DefinitionString,
 * often an Fn::Join), turned into ASL JSON: pseudo parameters become this test environment's
 * values and every other reference an ARN named after its logical ID.
 */
export function renderedDefinition(stack: Stack, logicalIdPrefix?: string): any {
  const machines = Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine');
  const [, machine] = Object.entries(machines).find(([id]) => !logicalIdPrefix || id.startsWith(logicalIdPrefix))!;
  return JSON.parse(joinToString(machine.Properties.DefinitionString));
}

function joinToString(value: any): string {
  if (typeof value === 'string') return value;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(joinToString).join(value['Fn::Join'][0]);
  const ref = value.Ref ?? value['Fn::GetAtt']?.[0];
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', 'AWS::URLSuffix': 'amazonaws.com' };
  if (ref && pseudo[ref]) return pseudo[ref];
  if (ref) return `arn:aws:lambda:eu-west-1:123456789012:function:${ref}`;
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}
