declare module 'asl-validator' {
  function validator(definition: unknown, options?: unknown): { isValid: boolean; errors: Array<{ message?: string; path?: string }> };
  export = validator;
}
