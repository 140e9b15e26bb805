export * from './lambda-timeout';
export * from './cache-security';
export * from './cors-wildcard-credentials';
