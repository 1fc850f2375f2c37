/** The PMAs' operations over the AWS SDK (ProgramManagementAccountApi), given the adapter's clients and limits. */
import { ListProgramManagementAccountsCommand, type ProgramManagementAccountSummary } from '@aws-sdk/client-partnercentral-channel';
import { readAllPages, type SdkCalls } from '../../live/sdk-calls.js';
import type { ProgramManagementAccountApi } from './pma-api.js';
import type { LiveProgramManagementAccountState } from './pma-live-state.js';

const notYet = (): Promise<never> => Promise.reject(new Error('not implemented yet'));

function toLivePma(item: ProgramManagementAccountSummary, catalog: string): LiveProgramManagementAccountState {
  return {
    catalog: item.catalog ?? catalog,
    ...(item.id ? { id: item.id } : {}),
    ...(item.displayName ? { displayName: item.displayName } : {}),
    ...(item.program ? { program: item.program } : {}),
    ...(item.accountId ? { accountId: item.accountId } : {}),
    ...(item.status ? { status: item.status } : {}),
    ...(item.arn ? { arn: item.arn } : {}),
  };
}

export function sdkPmaApi({ client, call }: SdkCalls): ProgramManagementAccountApi {
  return {
    async listProgramManagementAccounts(catalog) {
      const pages = readAllPages('ListProgramManagementAccounts', (nextToken) =>
        call('ListProgramManagementAccounts', 'read', () => client.send(new ListProgramManagementAccountsCommand({ catalog, maxResults: 100, nextToken }))),
      );
      const items: LiveProgramManagementAccountState[] = [];
      for await (const page of pages) for (const item of page.items ?? []) items.push(toLivePma(item, catalog));
      return items;
    },
    createProgramManagementAccount: notYet,
    updateProgramManagementAccount: notYet,
    deleteProgramManagementAccount: notYet,
    listPmaHandshakes: notYet,
    createPmaHandshake: notYet,
  };
}
