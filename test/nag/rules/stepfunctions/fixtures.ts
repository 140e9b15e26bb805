import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { plainFunction } from '../../support';

export function fn(stack: Stack): lambda.Function {
  return plainFunction(stack, 'Fn');
}

/** A state machine whose definition references a Lambda ARN, so CDK renders it as an Fn::Join. */
export function machine(stack: Stack, configure: (task: tasks.LambdaInvoke) => sfn.IChainable, props: Partial<sfn.StateMachineProps> = {}) {
  const task = new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn(stack), retryOnServiceExceptions: false });
  return new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(configure(task)), ...props });
}

/** A state machine with a literal definition object. */
export function literal(stack: Stack, definition: object, type = 'STANDARD'): sfn.CfnStateMachine {
  return new sfn.CfnStateMachine(stack, 'Literal', { roleArn: 'arn:aws:iam::123456789012:role/sfn', definition, stateMachineType: type });
}
