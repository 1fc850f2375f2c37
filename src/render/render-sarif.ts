/**
 * Problems as a SARIF 2.1.0 log (OASIS), the format GitHub code scanning reads, so `pcc validate --format sarif`
 * puts each problem on its line of the pull request. One rule per problem code (its help from docs/codes.md), one
 * result per problem, located by a URI relative to the repository root. A problem about no file (the folder is
 * missing, it holds no files) is a tool execution notification of the run's invocation, not a result: code scanning
 * refuses a whole log in which one result has no location ("expected at least one location"). Pure: paths and help
 * come in as functions.
 */
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Problem } from '../diagnostics/diagnostic.js';
import { sanitizeForTerminal } from '../io/sanitize.js';

export interface SarifOptions {
  /** pcc's version, for the tool's driver. */
  version: string;
  /** The problem's file (relative to the working directory) as a path relative to the repository root. */
  fromRoot: (file: string) => string;
  /** What a code means (docs/codes.md), when known. */
  help: (code: string) => string | undefined;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const PACKAGE = 'pcc-gitops';

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
const uriOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function ruleFor(code: string, severity: Problem['severity'], options: SarifOptions): ReportingDescriptor {
  const meaning = options.help(code) ?? `pcc problem ${code}`;
  return {
    id: code,
    shortDescription: { text: meaning },
    fullDescription: { text: meaning },
    help: {
      text: `${meaning}\n\nEvery code is listed in docs/codes.md of ${PACKAGE}.`,
      markdown: `${meaning}\n\nEvery code is listed in \`docs/codes.md\` of ${PACKAGE}.`,
    },
    defaultConfiguration: { level: severity },
  };
}

export function renderSarif(problems: readonly Problem[], options: SarifOptions): string {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const problem of problems) {
    const text = sanitizeForTerminal(problem.message) + (problem.hint ? `\nhint: ${sanitizeForTerminal(problem.hint)}` : '');
    if (problem.file === undefined) {
      notifications.push({ level: problem.severity, message: { text }, descriptor: { id: problem.code } });
      continue;
    }
    let index = ruleIndex.get(problem.code);
    if (index === undefined) {
      index = rules.push(ruleFor(problem.code, problem.severity, options)) - 1;
      ruleIndex.set(problem.code, index);
    }
    results.push({
      ruleId: problem.code,
      ruleIndex: index,
      level: problem.severity,
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(options.fromRoot(problem.file)), uriBaseId: '%SRCROOT%' },
            // A problem about a whole file (a link that leads out, say) is shown on its first line.
            region: { startLine: problem.line ?? 1, ...(problem.line !== undefined && problem.column !== undefined ? { startColumn: problem.column } : {}) },
          },
        },
      ],
    });
  }
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pcc', fullName: PACKAGE, semanticVersion: options.version, rules } },
        // Columns count as JavaScript strings do (the YAML parser's offsets).
        columnKind: 'utf16CodeUnits',
        ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
