// The part of the reference app that bench/solutions-app.ts builds again with AWS Solutions
// Constructs: its first four stacks (functions, event processors, workflow, API). The stacks added
// later (ingestion, safe rollout, jobs and fan-out, web, the operations dashboard) have no
// counterpart there, so comparing the whole reference app would compare two different architectures.
import { App, Stack } from 'aws-cdk-lib';
import { ApiStack, EventProcessorsStack, FunctionsStack, WorkflowStack } from '../examples/app';

/** The reference app's stacks that the Solutions Constructs app mirrors, built as examples/app.ts builds them. */
export function buildComparableApp(app: App): Stack[] {
  const env = { account: '123456789012', region: 'eu-west-1' };
  return [
    new FunctionsStack(app, 'GuardrailsFunctions', { env }),
    new EventProcessorsStack(app, 'GuardrailsEventProcessors', { env }),
    new WorkflowStack(app, 'GuardrailsWorkflow', { env }),
    new ApiStack(app, 'GuardrailsApi', { env }),
  ];
}
