/** The service periods' operations over the AWS SDK (ServicePeriodApi: channel handshakes), given the adapter's clients and limits. */
import {
  CancelChannelHandshakeCommand,
  CreateChannelHandshakeCommand,
  ListChannelHandshakesCommand,
  type ChannelHandshakeSummary,
} from '@aws-sdk/client-partnercentral-channel';
import { HANDSHAKE_STATUSES, type HandshakeStatus } from '../../model/service-period.js';
import { ApiError } from '../../live/api-error.js';
import type { LiveServicePeriodHandshake, ServicePeriodHandshakeType } from '../../live/channel-api.js';
import { chunks, readAllPages, type SdkCalls } from '../../live/sdk-calls.js';
import type { ServicePeriodApi } from './service-period-api.js';

/** Relationship ids per ListChannelHandshakes request (the model sets no limit; kept modest). */
const HANDSHAKE_FILTER_SIZE = 50;

/**
 * A handshake as pcc sees it. Without an id or a relationship it cannot be attributed: skipped only if it is
 * not a START_SERVICE_PERIOD one, otherwise an error (a pending request pcc cannot see could be duplicated).
 */
function toLiveHandshake(item: ChannelHandshakeSummary, asked: ServicePeriodHandshakeType): LiveServicePeriodHandshake {
  const { id, associatedResourceId } = item;
  if (!id || !associatedResourceId) {
    throw new ApiError(
      'ListChannelHandshakes',
      'internal',
      `the service returned a handshake (${id ?? 'no id'}) without ${id ? 'associatedResourceId' : 'id'}: it cannot be matched to a relationship`,
      undefined,
      1,
      'IncompleteAnswer',
    );
  }
  const detail = (asked === 'START_SERVICE_PERIOD' ? item.detail?.startServicePeriodHandshakeDetail : item.detail?.revokeServicePeriodHandshakeDetail) ?? {};
  const status = HANDSHAKE_STATUSES.find((s) => s === item.status) as HandshakeStatus | undefined;
  return {
    id,
    handshakeType: asked,
    relationshipId: associatedResourceId,
    ...(item.receiverAccountId ? { receiverAccountId: item.receiverAccountId } : {}),
    ...(status ? { status } : {}),
    terms: {
      ...(detail.servicePeriodType ? { servicePeriodType: detail.servicePeriodType } : {}),
      ...(detail.minimumNoticeDays ? { minimumNoticeDays: detail.minimumNoticeDays } : {}),
      ...(detail.endDate ? { endDate: detail.endDate.toISOString() } : {}),
      ...(detail.note ? { note: detail.note } : {}),
    },
    ...(item.createdAt ? { createdAt: item.createdAt.toISOString() } : {}),
    ...(item.updatedAt ? { updatedAt: item.updatedAt.toISOString() } : {}),
  };
}

export function sdkServicePeriodApi({ client, onceClient, call }: SdkCalls): ServicePeriodApi {
  return {
    async listServicePeriodHandshakes(catalog, relationshipIds, query = {}) {
      const handshakeType = query.handshakeType ?? 'START_SERVICE_PERIOD';
      const items: LiveServicePeriodHandshake[] = [];
      const batches = relationshipIds === 'all' ? [undefined] : chunks(relationshipIds, HANDSHAKE_FILTER_SIZE);
      for (const ids of batches) {
        const pages = readAllPages('ListChannelHandshakes', (nextToken) =>
          call('ListChannelHandshakes', 'read', () =>
            client.send(
              new ListChannelHandshakesCommand({
                handshakeType,
                catalog,
                participantType: 'SENDER',
                ...(ids ? { associatedResourceIdentifiers: ids } : {}),
                ...(query.statuses ? { statuses: query.statuses } : {}),
                maxResults: 100,
                nextToken,
              }),
            ),
          ),
        );
        // Filter again on our side: only the relationships, type and statuses asked about count, whatever the server sent.
        for await (const page of pages) {
          for (const item of page.items ?? []) {
            if (ids && !ids.includes(item.associatedResourceId ?? '')) continue;
            if (item.handshakeType !== undefined && item.handshakeType !== handshakeType) continue;
            const live = toLiveHandshake(item, handshakeType);
            if (query.statuses && live.status && !query.statuses.includes(live.status)) continue;
            items.push(live);
          }
        }
      }
      return items;
    },

    async createServicePeriodHandshake({ handshakeType = 'START_SERVICE_PERIOD', catalog, programManagementAccountIdentifier, relationshipId, terms, clientToken }) {
      const note = terms.note ? { note: terms.note } : {};
      const payload =
        handshakeType === 'REVOKE_SERVICE_PERIOD'
          ? { revokeServicePeriodPayload: { programManagementAccountIdentifier, ...note } }
          : {
              startServicePeriodPayload: {
                programManagementAccountIdentifier,
                servicePeriodType: terms.servicePeriodType as 'MINIMUM_NOTICE_PERIOD' | 'FIXED_COMMITMENT_PERIOD',
                ...(terms.minimumNoticeDays ? { minimumNoticeDays: terms.minimumNoticeDays } : {}),
                ...(terms.endDate ? { endDate: new Date(terms.endDate) } : {}),
                ...note,
              },
            };
      // One attempt: a retry after a lost answer could send a second request once the token is forgotten, so
      // the caller reads back before it tries again (apply-service-period.ts).
      const out = await call('CreateChannelHandshake', 'write', () =>
        onceClient.send(new CreateChannelHandshakeCommand({ handshakeType, catalog, associatedResourceIdentifier: relationshipId, clientToken, payload })),
      );
      const id = out.channelHandshakeDetail?.id;
      return id ? { id } : {};
    },

    async cancelHandshake(catalog, handshakeId) {
      await call('CancelChannelHandshake', 'write', () => client.send(new CancelChannelHandshakeCommand({ catalog, identifier: handshakeId })));
    },
  };
}
