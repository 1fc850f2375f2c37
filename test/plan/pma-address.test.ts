import { describe, expect, it } from 'vitest';
import type { DesiredProgramManagementAccount } from '../../src/kinds/program-management-account/desired-pma.js';
import { PMA_PROGRAMS, pmaAddressOf } from '../../src/kinds/program-management-account/pma-address.js';

describe('a PMA address', () => {
  it('is <catalog>/<program>/<accountId>, derivable from the file', () => {
    const pma: Pick<DesiredProgramManagementAccount, 'catalog' | 'program' | 'accountId'> = { catalog: 'AWS', program: 'DISTRIBUTION', accountId: '123456789012' };
    expect(pmaAddressOf(pma.catalog, pma.program, pma.accountId)).toBe('AWS/DISTRIBUTION/123456789012');
    expect(PMA_PROGRAMS).toEqual(['SOLUTION_PROVIDER', 'DISTRIBUTION', 'DISTRIBUTION_SELLER']);
  });
});
