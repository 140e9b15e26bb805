/**
 * What AWS services accept (ranges, formats, service defaults), one file per service, each value
 * stated once with the practice ID it serves. The library's own defaults are in `../defaults.ts`.
 */
export * from './apigateway';
export * from './arns';
export * from './cloudformation';
export * from './codedeploy';
export * from './cloudwatch';
export * from './cloudfront';
export * from './cognito';
export * from './dynamodb';
export * from './eventbridge';
export * from './kinesis';
export * from './kms';
export * from './lambda';
export * from './lambda-event-sources';
export * from './s3';
export * from './scheduler';
export * from './sns';
export * from './sqs';
export * from './stepfunctions';
