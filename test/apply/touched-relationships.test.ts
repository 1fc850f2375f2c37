/**
 * After apply, the refresh cache voids the cached tags of the relationships the apply may have written to
 * (touchedRelationships). Only relationship ids belong there: a service period's outcome names a channel
 * handshake (`ch-…`), which is no relationship (review of issue 20: the engine no longer reads kinds' members).
 */
import { describe, expect, it } from 'vitest';
import { touchedRelationships } from '../../src/apply/touched-relationships.js';
import type { ApplyOutcome } from '../../src/apply/outcome.js';
import type { ServicePeriodChange } from '../../src/kinds/service-period/service-period-change.js';
import { createChange, makePlan } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

const address = addressFor('111122223333');
const request: ServicePeriodChange = {
  kind: 'servicePeriod',
  address,
  action: 'create',
  fields: [],
  servicePeriod: {
    catalog: 'AWS',
    programManagementAccountIdentifier: 'pma-u8ic702rtzng8',
    terms: { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' },
  },
};

describe('touchedRelationships', () => {
  it('names the relationships a create, a replace and a service period touched, never a handshake id', () => {
    const replace = { ...createChange('444455556666'), action: 'replace' as const, id: 'rs-old0000000001', arn: 'arn:aws:partnercentral:us-east-1:1:x/rs-old0000000001' };
    const plan = makePlan({ changes: [createChange('111122223333'), request, replace], options: { prune: false, allowReplace: true } });
    const outcomes: ApplyOutcome[] = [
      { kind: 'relationship', address, action: 'create', status: 'succeeded', id: 'rs-new0000000001' },
      { kind: 'servicePeriod', address, action: 'create', status: 'succeeded', id: 'ch-handshake0001' },
      { kind: 'relationship', address: replace.address, action: 'replace', status: 'succeeded', id: 'rs-new0000000002', replacedId: 'rs-old0000000001' },
    ];
    const touched = touchedRelationships(plan, outcomes);
    expect(touched.map((t) => t.id).sort()).toEqual(['rs-new0000000001', 'rs-new0000000002', 'rs-old0000000001']);
    expect(touched.find((t) => t.id === 'rs-old0000000001')).toMatchObject({ catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8', arn: replace.arn });
  });
});
