import type { Command } from 'commander';
import { positiveInteger, positiveNumber, region } from './option-parsers.js';

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
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--dir <dir>', 'folder of relationship YAML files', 'relationships')
    .option('--region <region>', 'AWS region (default: AWS_REGION, the profile’s region, else us-east-1; the service signs in us-east-1)', region)
    .option('--profile <profile>', 'AWS profile, exactly as AWS_PROFILE: its credentials, region and endpoint_url')
    .option('--endpoint-url <url>', 'API endpoint (default: the SDK’s own, or AWS_ENDPOINT_URL_PARTNERCENTRAL_CHANNEL)')
    .option('--parallelism <n>', 'API requests in flight at once', positiveInteger, 8)
    .option('--read-rate <n>', 'requests per second for each read operation', positiveNumber, 5)
    .option('--write-rate <n>', 'requests per second for each write operation', positiveNumber, 3);
}

/** The global options as seen from a subcommand's action (`command.optsWithGlobals()`). */
export function globalOptionsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
