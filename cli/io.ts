/**
 * What every subcommand gets: its standard streams, so tests can run commands in-process.
 */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** A subcommand: takes its arguments, returns the process exit code. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;
