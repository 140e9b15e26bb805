export * from './task-retry';
export * from './task-catch';
export * from './timeout';
