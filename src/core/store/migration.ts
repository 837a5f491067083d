/** One append-only schema step. `version` is the `user_version` the database has after it. */
export type Migration = Readonly<{
  version: number;
  name: string;
  sql: string;
}>;
