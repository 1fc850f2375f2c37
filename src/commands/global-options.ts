import { Help, type Command, type Option } from 'commander';
import { endpointUrl, positiveInteger, positiveNumber, region } from './option-parsers.js';

/** Options every command accepts (SPEC.md, "Commands"). */
export interface GlobalOptions {
  dir: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  parallelism: number;
  /** Requests per second allowed for each read operation (Get/List/ListTagsForResource). */
  readRate: number;
  /** Requests per second allowed for each write operation (Create/Update/Delete/Tag/Untag). */
  writeRate: number;
  /** `--debug`: each SDK request, retry and answer on stderr, secrets redacted. */
  debug?: boolean;
}

/** The folder `--dir` names when not given. */
export const DEFAULT_DIR = 'relationships';

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--dir <dir>', 'folder of relationship YAML files', DEFAULT_DIR)
    .option('--region <region>', 'AWS region (default: AWS_REGION, the profile’s region, else us-east-1; the service signs in us-east-1)', region)
    .option('--profile <profile>', 'AWS profile, exactly as AWS_PROFILE: its credentials, region and endpoint_url')
    .option('--endpoint-url <url>', 'API endpoint (default: the SDK’s own, or AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL)', endpointUrl)
    .option('--parallelism <n>', 'API requests in flight at once', positiveInteger, 8)
    .option('--read-rate <n>', 'requests per second for each read operation', positiveNumber, 5)
    .option('--write-rate <n>', 'requests per second for each write operation', positiveNumber, 3)
    .option('--debug', 'each API request, retry and answer on stderr (credentials, signatures and tokens redacted)')
    .option('--no-color', 'no colours (also NO_COLOR; FORCE_COLOR forces them)');
}

/** The global options only commands that call the API use. */
const API_OPTIONS = ['--region', '--profile', '--endpoint-url', '--parallelism', '--read-rate', '--write-rate', '--debug'];

/**
 * The global options a command never reads (accepted and ignored): its help does not list them. Commands that
 * never call the API take none of the API options; those that only read take no `--write-rate`; those that read
 * no relationship files take no `--dir`.
 */
const UNUSED_GLOBAL_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  init: API_OPTIONS,
  validate: API_OPTIONS,
  fmt: API_OPTIONS,
  emulator: API_OPTIONS,
  show: [...API_OPTIONS, '--dir'],
  plan: ['--write-rate'],
  import: ['--write-rate'],
  pmas: ['--write-rate', '--dir'],
};

/**
 * commander help settings for every command: global options shown, but of them only those the command uses.
 */
export const HELP_CONFIGURATION: Partial<Help> = {
  showGlobalOptions: true,
  visibleGlobalOptions(this: Help, command: Command): Option[] {
    const options = Help.prototype.visibleGlobalOptions.call(this, command);
    const unused = UNUSED_GLOBAL_OPTIONS[command.name()] ?? [];
    return options.filter((option) => !unused.includes(option.long ?? ''));
  },
};

/** The global options as seen from a subcommand's action (`command.optsWithGlobals()`). */
export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
