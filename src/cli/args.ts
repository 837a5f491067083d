/** A small, strict argument parser: options may stand before or after arguments; `--` ends them. */
export type ParsedArgs = Readonly<{
  command: string | undefined;
  positionals: readonly string[];
  options: ReadonlyMap<string, readonly string[]>;
  flags: ReadonlySet<string>;
}>;

export type ArgSpec = Readonly<{
  /** Options that take a value, e.g. `data-dir`. */
  valued: readonly string[];
  /** Options that are on or off, e.g. `json`. */
  flags: readonly string[];
}>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (optionsEnded || !arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    if (spec.flags.includes(name)) {
      if (equals >= 0) throw new UsageError(`--${name} takes no value.`);
      flags.add(name);
    } else if (spec.valued.includes(name)) {
      let value: string | undefined;
      if (equals >= 0) value = arg.slice(equals + 1);
      else {
        value = argv[index + 1];
        index += 1;
      }
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options, flags };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (values === undefined) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} may be given only once.`);
  return values[0];
}
