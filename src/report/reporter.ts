/**
 * One reporter per run (Terraform's views, AWS CDK's IoHost): what a command found or did goes to the reporter,
 * and the reporter decides how it shows. cli.ts picks it once, from the command's `--format` and the environment,
 * and hands it to the command through its context; commands never ask whether they run in GitHub Actions.
 *
 * - terminal (terminal-reporter.ts): problems and summaries on stderr, the plan on stdout as text or markdown;
 * - JSON (json-reporter.ts): the same on stderr, results as JSON documents on stdout;
 * - GitHub Actions (github-reporter.ts): either of those, plus `::error` annotations, the job summary and step outputs.
 */
import type { ApplyResult } from '../apply/outcome.js';
import type { Problem } from '../diagnostics/diagnostic.js';
import type { OutputSink } from '../io/sink.js';
import type { Plan } from '../plan/plan-types.js';
import { createGithubReporter } from './github-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createTerminalReporter } from './terminal-reporter.js';

/** What a command's `--format` asks for: `text` where a command has no such option. */
type ReportFormat = 'text' | 'markdown' | 'json';

/** The `pcc validate --format json` document: the problems as data. */
export interface ValidateResult {
  valid: boolean;
  files: number;
  /** Relationships that passed every check. */
  relationships: number;
  problems: Problem[];
}

export interface Reporter {
  readonly format: ReportFormat;
  /** Problems found in the files or while planning (warnings too): as text on stderr. */
  problems(problems: readonly Problem[]): void;
  /** `pcc validate`'s result: its problems as text on stderr, or the whole result as JSON on stdout. */
  validation(result: ValidateResult): void;
  /** A problem that stops the command, as one line on stderr (`<prefix>: <message>`); `mark: false` when it was shown already. */
  stopped(prefix: string, problem: Problem, options?: { mark?: boolean }): void;
  /** The plan, on stdout, in the run's format. */
  plan(plan: Plan): void;
  /** After `pcc plan` showed (and maybe saved, to `savedTo`) its plan. */
  planned(plan: Plan, savedTo: string | undefined): Promise<void>;
  /** After `pcc apply` ran `plan` (or found nothing to do): the result, where the format wants it on stdout. */
  applied(plan: Plan, result: ApplyResult): Promise<void>;
  /** `pcc apply` refused everything: changes nobody reviewed (already listed on stderr), described in `markdown`. */
  refusedUnreviewed(markdown: string): Promise<void>;
}

export interface PickReporterOptions {
  sink: OutputSink;
  /** Where GitHub names its step files (`GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The command's `--format`; anything else than markdown or json (or none) is text. */
  format?: unknown;
}

/** The reporter for a run: by `--format`, wrapped for GitHub Actions when the sink says it runs there. */
export function pickReporter({ sink, env, format }: PickReporterOptions): Reporter {
  const base = format === 'json' ? createJsonReporter(sink) : createTerminalReporter(sink, format === 'markdown' ? 'markdown' : 'text');
  return sink.github ? createGithubReporter(base, { sink, env }) : base;
}
