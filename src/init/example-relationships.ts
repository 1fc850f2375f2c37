/**
 * The first relationships file `pcc init` writes: defaults for one PMA and an empty list, with one commented
 * example per association type below it. Nothing in it is live until someone uncomments an entry, so the first
 * pull request's plan is empty rather than creating made-up relationships.
 */
import { pccCommand } from './pcc-command.js';
import { yamlScalar } from './yaml-scalar.js';

export interface ExampleOptions {
  catalog: string;
  /** A `pma-…` id or PMA ARN; without one (or pmaName), the default line is a comment to fill in (`pcc pmas` lists them). */
  pma?: string;
  /** The name of a PMA declared in the files (`programManagementAccounts:`), named instead of an id. */
  pmaName?: string;
  /** The modeline's path to the schema, relative to the file. */
  schemaPath: string;
  /** The folder the file is in, from the repository root: the import command names it. */
  dir: string;
}

const EXAMPLES = `
#
# One relationship per entry. Uncomment an example, fill in the account, then \`pcc plan\` shows what apply will do.
# Field names are the CreateRelationship API's; the schema above gives completion and checks in your editor.
#
#  - associatedAccountId: "111122223333"   # 12 digits, always in quotes
#    associationType: END_CUSTOMER         # an end customer your organisation resells to
#    displayName: Example Customer         # 1-30 characters
#    sector: COMMERCIAL                    # COMMERCIAL | GOVERNMENT | GOVERNMENT_EXCEPTION
#    resaleAccountModel: END_CUSTOMER      # optional: DISTRIBUTOR | END_CUSTOMER | SOLUTION_PROVIDER
#    requestedSupportPlan:                 # optional; exactly one of resoldEnterprise, resoldUnifiedOperations, partnerLedSupport
#      resoldUnifiedOperations:
#        coverage: ENTIRE_ORGANIZATION     # or MANAGEMENT_ACCOUNT_ONLY
#        tamLocation: us-east-1
#    tags:
#      cost-center: "4711"
#
#  - associatedAccountId: "444455556666"
#    associationType: DOWNSTREAM_SELLER    # a reseller that sells on through your program
#    displayName: Example Reseller
#    sector: COMMERCIAL
#    resaleAccountModel: SOLUTION_PROVIDER
#
#  - associatedAccountId: "777788889999"
#    associationType: INTERNAL             # one of your organisation's own accounts
#    displayName: Example Internal
#    sector: COMMERCIAL
#    requestedSupportPlan:
#      partnerLedSupport:
#        coverage: MANAGEMENT_ACCOUNT_ONLY
#        tamLocation: us-east-1
#        provider: DISTRIBUTOR             # DISTRIBUTOR | DISTRIBUTION_SELLER
#
`;

/** The import command for the folder, on one comment line (a folder whose name breaks lines gets a placeholder). */
function importCommand(dir: string): string {
  // eslint-disable-next-line no-control-regex
  const safeDir = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(dir) ? 'DIR' : dir;
  return pccCommand(safeDir, 'import', '--out', `${safeDir}/imported.yaml`);
}

/** The text of relationships/example.yaml. Always valid (`pcc validate` passes on it as written). */
export function exampleRelationships(options: ExampleOptions): string {
  const pma = options.pmaName
    ? `programManagementAccount: ${yamlScalar(options.pmaName)} # declared in program-management-accounts.yaml`
    : options.pma
      ? `programManagementAccountIdentifier: ${yamlScalar(options.pma)}`
      : '# programManagementAccountIdentifier: pma-… # yours: run `pcc pmas`, then uncomment this line';
  return [
    `# yaml-language-server: $schema=${options.schemaPath}`,
    `catalog: ${yamlScalar(options.catalog)} # AWS for production, Sandbox for testing`,
    pma,
    'relationships: [] # replace [] with the entries, e.g. the examples below',
    `${EXAMPLES}# Relationships that already exist: \`${importCommand(options.dir)}\` writes them for you.\n`,
  ].join('\n');
}
