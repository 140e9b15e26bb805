/**
 * Where the example consumers write their results. Writes are keyed, so processing a record twice
 * (SQS and streams deliver at least once, ES5) stores the same value again instead of a duplicate.
 */
export interface ProjectionStore {
  put(key: string, value: Record<string, unknown>): Promise<void>;
}

/** The store of the deployed example: a structured log line per write. */
export const logStore: ProjectionStore = {
  async put(key, value) {
    console.log(JSON.stringify({ message: 'projection written', key, ...value }));
  },
};
