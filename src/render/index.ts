/**
 * One entry point, one renderer per format (STYLE.md practice 4). Every renderer reads the plan value
 * only, so `--format json`, a saved plan and the human forms can never disagree (practice 3).
 */
import type { Plan } from '../plan/plan-types.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colours; only the text format uses them (markdown and JSON never contain escapes). */
  color: boolean;
  /** Markdown only: the length cap (default `MARKDOWN_MAX_CHARS`, sized for a PR comment; `Infinity` for none). */
  markdownMaxChars?: number;
}

/** A renderer turns a plan into the whole output for one format, ending with a newline. */
type PlanRenderer = (plan: Plan, options: RenderOptions) => string;

const RENDERERS: Readonly<Record<PlanFormat, PlanRenderer>> = {
  text: renderText,
  markdown: (plan, options) => renderMarkdown(plan, options.markdownMaxChars === undefined ? {} : { maxChars: options.markdownMaxChars }),
  json: (plan) => renderJson(plan),
};

export function isPlanFormat(value: string): value is PlanFormat {
  return (PLAN_FORMATS as readonly string[]).includes(value);
}

/** The plan in `format`. Pure: no I/O, no clock; the caller writes the result to the sink's `out`. */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions): string {
  return RENDERERS[format](plan, options);
}

export { MARKDOWN_MAX_CHARS } from './render-markdown.js';
