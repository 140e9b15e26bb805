// An asynchronous handler (EventBridge schedule). Lambda retries a failed event and then sends it to
// the failure destination, so the work must be idempotent (FN9): the report for a date is
// recomputed and overwritten, never appended.
export const handler = async (event: { time?: string }): Promise<{ reportDate: string }> => {
  const reportDate = (event.time ?? new Date().toISOString()).slice(0, 10);
  console.log(JSON.stringify({ message: 'report computed', reportDate }));
  return { reportDate };
};
