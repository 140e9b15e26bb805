import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GuardedFunctionProps } from './guarded-function-props';
import { AlarmOptions } from '../observability/alarm-options';

/** How a pattern gets the function it invokes, and where its alarms go. Give exactly one of the two functions. */
export interface ProcessorProps extends AlarmOptions {
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
}
