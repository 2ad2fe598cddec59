/**
 * The `bouwblokken` command: dispatches to one module per subcommand.
 */
import { describeError } from '../core/errors';
import type { Command, CommandIo } from './io';

const USAGE = `Gebruik / usage: bouwblokken <command> [options]

Commands:
  start [--port N]           load the curated catalogue, harvest the configured sources, serve
  serve [--port N]           serve the stored catalogue over HTTP
  harvest [SOURCE...] [--full]  harvest the named sources (all enabled ones when none are named);
                             --full reads sources completely instead of what changed
  validate FILE|-            validate a Turtle, N-Triples or JSON-LD description (--lang nl|en)
  export [--format F]        print the catalogue as nquads (default), turtle or jsonld
  load FILE --source NAME [--allow-empty]
                             replace the records of source NAME with the records in FILE;
                             --allow-empty lets a file without records empty the source

Options for every command:
  --config FILE              configuration file (YAML or JSON; default bouwblokken.config.yaml)
`;

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start')).startCommand,
  serve: async () => (await import('./serve')).serveCommand,
  harvest: async () => (await import('./harvest')).harvestCommand,
  validate: async () => (await import('./validate')).validateCommand,
  export: async () => (await import('./export')).exportCommand,
  load: async () => (await import('./load')).loadCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`Onbekend commando / unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  return (await load())(args, io);
}

// A reader that stops early (`bouwblokken export | head`) closes the pipe; that is no error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    process.stderr.write(`Fout / error: ${describeError(error)}\n`);
    exitAfterOutput(1);
  },
);

/**
 * Ends the process once standard output is flushed. A command that failed half-way may leave worker threads
 * or timers behind (a store that was opening, say), which must not keep the process alive.
 */
function exitAfterOutput(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}
