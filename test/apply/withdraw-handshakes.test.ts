/**
 * Applying a withdraw against a scripted ChannelApi: a cancel that fails is read back and reported for what it is
 * (landed after all, answered by the customer, still pending), every listed handshake is tried, and no request is sent.
 */
import { describe, expect, it } from 'vitest';
import { applyServicePeriod } from '../../src/kinds/service-period/apply-service-period.js';
import type { ChannelApi, LiveServicePeriodHandshake } from '../../src/live/channel-api.js';
import type { HandshakeStatus } from '../../src/model/service-period.js';
import type { PlannedChange } from '../../src/plan/plan-types.js';
import { apiError } from '../support/fake-channel-api.js';

const REL = 'rs-aaaaaaaaaaaa1';
const NOTICE_30 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '30' };
const NOTICE_14 = { servicePeriodType: 'MINIMUM_NOTICE_PERIOD', minimumNoticeDays: '14' };
const change: PlannedChange = {
  kind: 'servicePeriod',
  address: 'AWS/pma-u8ic702rtzng8/111122223333',
  action: 'update',
  id: REL,
  fields: [],
  servicePeriod: {
    catalog: 'AWS',
    programManagementAccountIdentifier: 'pma-u8ic702rtzng8',
    terms: NOTICE_30,
    handshakeId: 'ch-accepted0001',
    status: 'ACCEPTED',
    withdraw: [
      { id: 'ch-revoke000001', handshakeType: 'REVOKE_SERVICE_PERIOD', terms: NOTICE_30 },
      { id: 'ch-request00001', handshakeType: 'START_SERVICE_PERIOD', terms: NOTICE_14 },
    ],
  },
};

/** Each cancel fails (network) or succeeds as `cancels` says; reads show `after` as the status afterwards. */
function scripted(cancels: Record<string, 'ok' | 'lost'>, after: Record<string, HandshakeStatus>) {
  const calls: string[] = [];
  const api = {
    async cancelHandshake(_catalog: string, id: string) {
      calls.push(`cancel ${id}`);
      if (cancels[id] === 'lost') throw apiError('CancelChannelHandshake', 'network', 0);
    },
    async listServicePeriodHandshakes(): Promise<LiveServicePeriodHandshake[]> {
      calls.push('list');
      return Object.entries(after).map(([id, status]) => ({ id, status, relationshipId: REL, handshakeType: 'START_SERVICE_PERIOD', terms: {} }));
    },
    async createServicePeriodHandshake() {
      calls.push('create');
      return { id: 'ch-never' };
    },
  } as unknown as ChannelApi;
  return { api, calls };
}

describe('applying a withdraw', () => {
  it('cancels each listed handshake, the revoke first, and sends nothing else', async () => {
    const { api, calls } = scripted({ 'ch-revoke000001': 'ok', 'ch-request00001': 'ok' }, {});
    const outcome = await applyServicePeriod(api, change, REL);
    expect(outcome).toMatchObject({ status: 'succeeded', action: 'update', kind: 'servicePeriod', withdrawn: ['ch-revoke000001', 'ch-request00001'] });
    expect(calls).toEqual(['cancel ch-revoke000001', 'cancel ch-request00001']);
  });

  it('a lost answer whose cancel landed counts as withdrawn; one that did not land fails the change, the other is still withdrawn', async () => {
    const landed = scripted({ 'ch-revoke000001': 'lost', 'ch-request00001': 'ok' }, { 'ch-revoke000001': 'CANCELED' });
    expect(await applyServicePeriod(landed.api, change, REL)).toMatchObject({ status: 'succeeded', withdrawn: ['ch-revoke000001', 'ch-request00001'] });

    const stuck = scripted({ 'ch-revoke000001': 'lost', 'ch-request00001': 'ok' }, { 'ch-revoke000001': 'PENDING' });
    const outcome = await applyServicePeriod(stuck.api, change, REL);
    expect(outcome).toMatchObject({ status: 'failed', withdrawn: ['ch-request00001'] });
    expect(outcome.error).toContain('the revoke ch-revoke000001 was not withdrawn');
    expect(stuck.calls).not.toContain('create');
  });

  it('answered by the customer first: an accepted request fails truthfully; a rejected revoke needs no withdrawing', async () => {
    const { api, calls } = scripted({ 'ch-revoke000001': 'lost', 'ch-request00001': 'lost' }, { 'ch-revoke000001': 'REJECTED', 'ch-request00001': 'ACCEPTED' });
    const outcome = await applyServicePeriod(api, change, REL);
    expect(outcome).toMatchObject({ status: 'failed', withdrawn: [] });
    expect(outcome.error).toContain(
      'the customer accepted the request ch-request00001 before it could be withdrawn: MINIMUM_NOTICE_PERIOD, 14 days notice is now the period in force',
    );
    expect(outcome.note).toContain('the revoke ch-revoke000001 was rejected meanwhile');
    expect(calls).not.toContain('create');
  });
});
