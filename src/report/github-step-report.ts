/**
 * What `pcc plan` and `pcc apply` tell GitHub Actions besides their two streams: the job summary
 * (`$GITHUB_STEP_SUMMARY`) and the step outputs (`$GITHUB_OUTPUT`). Annotations travel with the problems
 * themselves (github-reporter.ts). Only the GitHub reporter calls these; outside Actions (`sink.github` false)
 * they do nothing all the same.
 *
 * The action (action.yml) only maps inputs to a command; this is where its outputs `has-changes` and
 * `plan-file` come from, so they are tested with the CLI.
 */
import type { ApplyResult } from '../apply/outcome.js';
import { escapeData } from './github-annotations.js';
import { appendStepSummary, setOutputs } from '../io/github-step.js';
import { sanitizeForTerminal } from '../io/sanitize.js';
import type { Plan } from '../plan/plan-types.js';
import { planHasChanges } from '../plan/summarize-plan.js';
import { renderPlan } from '../render/index.js';
import { renderApplyMarkdown } from '../render/render-apply.js';
import type { OutputSink } from '../io/sink.js';

/** Where the step files are named (`env`) and where a warning about them goes (`sink`). */
export interface StepReportContext {
  sink: OutputSink;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * After `pcc plan` rendered `plan`: the whole plan as markdown in the job summary (not the 60,000-character
 * comment form: the summary's own 1 MiB limit applies), and the outputs `has-changes` (what
 * `--detailed-exitcode` reports as 2) and `plan-file` (the `--out` path as given, empty when nothing was saved).
 */
export async function reportPlanToGithub(ctx: StepReportContext, plan: Plan, savedTo: string | undefined): Promise<void> {
  if (!ctx.sink.github) return;
  await writeStepFiles(ctx, { 'has-changes': planHasChanges(plan.changes), 'plan-file': savedTo ?? '' }, () =>
    renderPlan(plan, 'markdown', { color: false, markdownMaxChars: Number.POSITIVE_INFINITY }),
  );
}

/** After `pcc apply` ran `plan` (or found nothing to do): every outcome in the job summary, and `has-changes`. */
export async function reportApplyToGithub(ctx: StepReportContext, plan: Plan, result: ApplyResult): Promise<void> {
  if (!ctx.sink.github) return;
  await writeStepFiles(ctx, { 'has-changes': planHasChanges(plan.changes) }, () => renderApplyMarkdown(result, plan));
}

/**
 * When `pcc apply` refuses the whole apply (`--reviewed` found changes nobody reviewed): the output
 * `refused=true`, for a later job to say so on the pull request, and the reason as the job summary.
 */
export async function reportRefusalToGithub(ctx: StepReportContext, markdown: string): Promise<void> {
  if (!ctx.sink.github) return;
  await writeStepFiles(ctx, { refused: true }, () => markdown);
}

/**
 * Outputs first (later steps depend on them), then the summary. A file that cannot be written is a warning,
 * not a failed command: the plan or apply itself went as its exit code says.
 */
async function writeStepFiles(ctx: StepReportContext, outputs: Readonly<Record<string, string | boolean>>, markdown: () => string): Promise<void> {
  try {
    await setOutputs(ctx.env, outputs);
  } catch (error) {
    warn(ctx, 'the step outputs ($GITHUB_OUTPUT)', error);
  }
  try {
    const { truncated } = await appendStepSummary(ctx.env, markdown());
    if (truncated) ctx.sink.err("pcc: the job summary was cut at GitHub's 1 MiB limit; this log has everything\n");
  } catch (error) {
    warn(ctx, 'the job summary ($GITHUB_STEP_SUMMARY)', error);
  }
}

function warn(ctx: StepReportContext, what: string, error: unknown): void {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error);
  ctx.sink.err(`::warning title=pcc::${escapeData(`cannot write ${what}: ${sanitizeForTerminal(reason)}`)}\n`);
}
