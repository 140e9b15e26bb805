import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { StreamProcessorProps } from './stream-processor-props';
import { StreamTableProps } from '../resources/stream-table-props';

/** Properties of a TableStreamProcessor. */
export interface TableStreamProcessorProps extends StreamProcessorProps {
  /**
   * An existing table with a stream. Mutually exclusive with `tableProps`.
   * @default - a table is created from `tableProps`
   */
  readonly table?: dynamodb.ITable;
  /**
   * The table to create. Mutually exclusive with `table`.
   * @default - none; `table` must be given
   */
  readonly tableProps?: StreamTableProps;
}
