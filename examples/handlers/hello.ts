// A synchronous handler: answers the caller directly; errors go back to the caller.
export const handler = async (event: { name?: string }): Promise<{ message: string }> => ({
  message: `Hello, ${event.name ?? 'world'}`,
});
