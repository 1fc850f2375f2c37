/**
 * The program management account `pcc init --program P --pma-account ID` declares: a file of its own beside the
 * example (so the example can be deleted without dropping the PMA, which `--prune` would then delete), and the
 * name the example's relationships use for it.
 */
import { yamlScalar } from './yaml-scalar.js';

export interface DeclaredPma {
  /** SOLUTION_PROVIDER, DISTRIBUTION or DISTRIBUTION_SELLER. */
  program: string;
  /** The PMA's management account: 12 digits. */
  accountId: string;
}

/** The file init writes the declaration to, in the relationships folder. */
export const PMA_FILE = 'program-management-accounts.yaml';

/** Words for a program within the display name's 30 characters, with a space and a 12-digit account after them. */
const PROGRAM_WORDS: Readonly<Record<string, string>> = {
  SOLUTION_PROVIDER: 'Solution provider',
  DISTRIBUTION: 'Distribution',
  DISTRIBUTION_SELLER: 'Dist. seller',
};

/** `distribution-123456789012`: lower-case letters, digits and hyphens, never a `pma-…` id, unique per address in a catalog. */
export function pmaNameOf(pma: DeclaredPma): string {
  return `${pma.program.toLowerCase().replaceAll('_', '-')}-${pma.accountId}`;
}

/** `Distribution 123456789012`: at most 30 characters (CreateProgramManagementAccount's displayName). */
function pmaDisplayNameOf(pma: DeclaredPma): string {
  return `${PROGRAM_WORDS[pma.program] ?? pma.program} ${pma.accountId}`.slice(0, 30);
}

/** The text of the declaration file. Always valid (`pcc validate` passes on it as written). */
export function pmaDeclaration(pma: DeclaredPma, catalog: string, schemaPath: string): string {
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    '#',
    '# The program management account pcc manages. `pcc apply` creates it (tagged pcc:managed=true) and sends its',
    '# account an invitation (a PROGRAM_MANAGEMENT_ACCOUNT handshake). Once that account accepts it in Partner Central,',
    '# the PMA is ACTIVE and the next apply creates the relationships that name it; until then they wait (exit 0).',
    '# A PMA that exists already at this catalog, program and account is adopted, never created again.',
    '#',
    `catalog: ${yamlScalar(catalog)}`,
    'programManagementAccounts:',
    `  - name: ${yamlScalar(pmaNameOf(pma))} # relationships name it with programManagementAccount: this name`,
    `    program: ${yamlScalar(pma.program)} # SOLUTION_PROVIDER | DISTRIBUTION | DISTRIBUTION_SELLER; a change means another PMA`,
    `    accountId: "${pma.accountId}" # the management account; a change means another PMA`,
    `    displayName: ${yamlScalar(pmaDisplayNameOf(pma))} # 1-30 characters, yours to choose; a change updates it in place`,
    '',
  ].join('\n');
}
