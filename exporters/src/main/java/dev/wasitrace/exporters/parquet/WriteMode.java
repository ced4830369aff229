package dev.wasitrace.exporters.parquet;

/** What an export does with a folder that already holds files. */
public enum WriteMode {
  /** Write a new export: the folder must not exist, or be empty. */
  CREATE,
  /** Replace an earlier export (and only an export: a folder with its marker file). */
  OVERWRITE,
  /** Add the processes an earlier export of the same schema version does not have yet. */
  APPEND
}
