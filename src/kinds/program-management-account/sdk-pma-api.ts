/** The PMAs' operations over the AWS SDK (ProgramManagementAccountApi), given the adapter's clients and limits. */
import {
  CreateChannelHandshakeCommand,
  CreateProgramManagementAccountCommand,
  DeleteProgramManagementAccountCommand,
  ListChannelHandshakesCommand,
  ListProgramManagementAccountsCommand,
  UpdateProgramManagementAccountCommand,
  type ChannelHandshakeSummary,
  type HandshakeStatus as SdkHandshakeStatus,
  type Program,
  type ProgramManagementAccountSummary,
} from '@aws-sdk/client-partnercentral-channel';
import { ApiError } from '../../live/api-error.js';
import { chunks, readAllPages, toTagList, type SdkCalls } from '../../live/sdk-calls.js';
import { HANDSHAKE_STATUSES, type HandshakeStatus } from '../../model/service-period.js';
import type { ProgramManagementAccountApi } from './pma-api.js';
import type { LivePmaHandshake, LiveProgramManagementAccountState } from './pma-live-state.js';

/** PMA ids per ListChannelHandshakes request (the model sets no limit; kept modest). */
const HANDSHAKE_FILTER_SIZE = 50;

/** Each present time as ISO-8601 under its name; absent ones left out. */
const times = (dates: Record<string, Date | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(dates).flatMap(([name, date]) => (date ? [[name, date.toISOString()]] : [])));

function toLivePma(item: ProgramManagementAccountSummary, catalog: string): LiveProgramManagementAccountState {
  return {
    catalog: item.catalog ?? catalog,
    ...(item.id ? { id: item.id } : {}),
    ...(item.displayName ? { displayName: item.displayName } : {}),
    ...(item.program ? { program: item.program } : {}),
    ...(item.accountId ? { accountId: item.accountId } : {}),
    ...(item.status ? { status: item.status } : {}),
    ...(item.arn ? { arn: item.arn } : {}),
    ...(item.revision ? { revision: item.revision } : {}),
    ...times({ createdAt: item.createdAt, updatedAt: item.updatedAt, startDate: item.startDate }),
  };
}

/**
 * A PMA handshake as pcc sees it. Without an id or a PMA it cannot be attributed, and a pending one pcc cannot
 * see could be sent twice: an error.
 */
function toLiveHandshake(item: ChannelHandshakeSummary, catalog: string): LivePmaHandshake {
  const { id, associatedResourceId } = item;
  if (!id || !associatedResourceId) {
    const missing = id ? 'associatedResourceId' : 'id';
    const message = `the service returned a handshake (${id ?? 'no id'}) without ${missing}: it cannot be matched to a program management account`;
    throw new ApiError('ListChannelHandshakes', 'internal', message, undefined, 1, 'IncompleteAnswer');
  }
  const status = HANDSHAKE_STATUSES.find((s) => s === item.status) as HandshakeStatus | undefined;
  return {
    id,
    catalog: item.catalog ?? catalog,
    pmaId: associatedResourceId,
    ...(item.receiverAccountId ? { receiverAccountId: item.receiverAccountId } : {}),
    ...(status ? { status } : {}),
    ...times({ createdAt: item.createdAt, updatedAt: item.updatedAt }),
  };
}

export function sdkPmaApi({ client, onceClient, call }: SdkCalls): ProgramManagementAccountApi {
  return {
    async listProgramManagementAccounts(catalog) {
      const pages = readAllPages('ListProgramManagementAccounts', (nextToken) =>
        call('ListProgramManagementAccounts', 'read', () => client.send(new ListProgramManagementAccountsCommand({ catalog, maxResults: 100, nextToken }))),
      );
      const items: LiveProgramManagementAccountState[] = [];
      for await (const page of pages) for (const item of page.items ?? []) items.push(toLivePma(item, catalog));
      return items;
    },

    async createProgramManagementAccount({ catalog, program, accountId, displayName, tags, clientToken }) {
      // The SDK's retries resend the same clientToken: the service answers a repeat with the PMA it made.
      const out = await call('CreateProgramManagementAccount', 'write', () =>
        client.send(new CreateProgramManagementAccountCommand({ catalog, program: program as Program, accountId, displayName, clientToken, tags: toTagList(tags) })),
      );
      const detail = out.programManagementAccountDetail;
      return { ...(detail?.id ? { id: detail.id } : {}), ...(detail?.arn ? { arn: detail.arn } : {}) };
    },

    async updateProgramManagementAccount({ catalog, identifier, displayName, revision }) {
      const out = await call('UpdateProgramManagementAccount', 'write', () =>
        client.send(new UpdateProgramManagementAccountCommand({ catalog, identifier, displayName, ...(revision !== undefined ? { revision } : {}) })),
      );
      const next = out.programManagementAccountDetail?.revision;
      return next ? { revision: next } : {};
    },

    async deleteProgramManagementAccount(catalog, identifier) {
      await call('DeleteProgramManagementAccount', 'write', () => client.send(new DeleteProgramManagementAccountCommand({ catalog, identifier })));
    },

    async listPmaHandshakes(catalog, pmaIds, statuses) {
      const items: LivePmaHandshake[] = [];
      const batches = pmaIds === 'all' ? [undefined] : chunks(pmaIds, HANDSHAKE_FILTER_SIZE);
      for (const ids of batches) {
        if (ids?.length === 0) continue;
        const pages = readAllPages('ListChannelHandshakes', (nextToken) =>
          call('ListChannelHandshakes', 'read', () =>
            client.send(
              new ListChannelHandshakesCommand({
                handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT',
                catalog,
                participantType: 'SENDER',
                ...(ids ? { associatedResourceIdentifiers: ids } : {}),
                ...(statuses ? { statuses: statuses as SdkHandshakeStatus[] } : {}),
                maxResults: 100,
                nextToken,
              }),
            ),
          ),
        );
        // Filter again on our side: only the PMAs, type and statuses asked about count, whatever the server sent.
        for await (const page of pages) {
          for (const item of page.items ?? []) {
            if (item.handshakeType !== undefined && item.handshakeType !== 'PROGRAM_MANAGEMENT_ACCOUNT') continue;
            const live = toLiveHandshake(item, catalog);
            if (ids && !ids.includes(live.pmaId)) continue;
            if (statuses && live.status && !statuses.includes(live.status)) continue;
            items.push(live);
          }
        }
      }
      return items;
    },

    async createPmaHandshake({ catalog, pmaId, clientToken }) {
      // One attempt: a blind retry after a lost answer could send a second handshake once the token is forgotten,
      // so the caller reads back before it tries again (send-pma-handshake.ts).
      const out = await call('CreateChannelHandshake', 'write', () =>
        onceClient.send(new CreateChannelHandshakeCommand({ handshakeType: 'PROGRAM_MANAGEMENT_ACCOUNT', catalog, associatedResourceIdentifier: pmaId, clientToken })),
      );
      const id = out.channelHandshakeDetail?.id;
      return id ? { id } : {};
    },
  };
}
