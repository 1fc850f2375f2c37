import { formatAnnotations, renderApplyAnnotations } from './github-annotations.js';
import { reportApplyToGithub, reportPlanToGithub, reportRefusalToGithub, type StepReportContext } from './github-step-report.js';
import type { Reporter } from './reporter.js';

/**
 * In GitHub Actions (GITHUB_ACTIONS=true): everything `base` shows, and also what GitHub shows of a step:
 * problems as `::error`/`::warning` annotations on stderr (the runner reads them there, at most 10 of each kind),
 * the job summary and the step outputs (github-step-report.ts).
 */
export function createGithubReporter(base: Reporter, step: StepReportContext): Reporter {
  const annotate = (problems: Parameters<Reporter['problems']>[0]) => {
    if (problems.length > 0) step.sink.err(formatAnnotations(problems));
  };
  return {
    ...base,
    problems: (problems) => {
      base.problems(problems);
      annotate(problems);
    },
    validation: (result) => {
      base.validation(result);
      annotate(result.problems);
    },
    stopped: (prefix, problem, options) => {
      base.stopped(prefix, problem, options);
      if (options?.mark !== false) annotate([problem]);
    },
    planned: async (plan, savedTo) => {
      await base.planned(plan, savedTo);
      await reportPlanToGithub(step, plan, savedTo);
    },
    applied: async (plan, result) => {
      step.sink.err(renderApplyAnnotations(result));
      await reportApplyToGithub(step, plan, result);
      await base.applied(plan, result);
    },
    refusedUnreviewed: async (markdown) => {
      await base.refusedUnreviewed(markdown);
      await reportRefusalToGithub(step, markdown);
    },
  };
}
