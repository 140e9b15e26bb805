// The part of @aws-sdk/client-codedeploy that pre-traffic-hook.ts uses. The Lambda runtime provides
// the client (AWS SDK v3); this project's dev dependencies do not have it yet, so its type is
// declared here. With `npm install -D @aws-sdk/client-codedeploy` this file can go.
declare module '@aws-sdk/client-codedeploy' {
  export class CodeDeployClient {
    constructor(config?: Record<string, unknown>);
    send(command: PutLifecycleEventHookExecutionStatusCommand): Promise<unknown>;
  }
  export class PutLifecycleEventHookExecutionStatusCommand {
    constructor(input: { deploymentId: string; lifecycleEventHookExecutionId: string; status: 'Succeeded' | 'Failed' });
  }
}
