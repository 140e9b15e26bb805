export * from './trigger-recursion';
