import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { GuardedFunctionProps } from './guarded-function';

/** How a pattern gets the function it invokes, and where its alarms go. Give exactly one of the two functions. */
export interface ProcessorProps {
  /**
   * The processor, as props of a guarded function. Mutually exclusive with `processorFunction`.
   * @default - none; `processorFunction` must be given
   */
  readonly processor?: GuardedFunctionProps;
  /**
   * An existing processor function. Mutually exclusive with `processor`.
   * @default - none; `processor` must be given
   */
  readonly processorFunction?: lambda.IFunction;
  /**
   * A topic every alarm notifies (OBS1).
   * @default - alarms have no action
   */
  readonly alarmTopic?: sns.ITopic;
}
