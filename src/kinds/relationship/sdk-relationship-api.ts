/** The relationships' operations over the AWS SDK (RelationshipApi), given the adapter's clients and limits. */
import {
  CreateRelationshipCommand,
  DeleteRelationshipCommand,
  GetRelationshipCommand,
  ListRelationshipsCommand,
  UpdateRelationshipCommand,
  type RelationshipDetail,
  type RelationshipSummary,
} from '@aws-sdk/client-partnercentral-channel';
import { pmaIdOf } from '../../model/address.js';
import { READ_FIELDS, readNameOf, type ReadField } from '../../model/relationship-fields.js';
import { ApiError } from '../../live/api-error.js';
import type { LiveRelationship } from '../../live/channel-api.js';
import { readAllPages, toTagList, type SdkCalls } from '../../live/sdk-calls.js';
import type { RelationshipApi } from './relationship-api.js';

/** What the request named, for members the answer may leave out (every one is optional in the model). */
interface Asked {
  operation: string;
  catalog: string;
  /** The one PMA the request named, if it named exactly one. */
  pmaId?: string;
}

/**
 * One relationship as pcc sees it. Absent members stay absent (unknown), never ''; `catalog` and the PMA
 * come from the request when missing. Without id, ARN, PMA or account there is no address: an error.
 */
function toLive(item: RelationshipSummary | RelationshipDetail, asked: Asked): LiveRelationship {
  const pma = item.programManagementAccountId ?? asked.pmaId;
  const { id, arn, associatedAccountId } = item;
  if (!id || !arn || !pma || !associatedAccountId) {
    const lacks = [!id && 'id', !arn && 'arn', !pma && 'programManagementAccountId', !associatedAccountId && 'associatedAccountId'].filter(Boolean).join(', ');
    throw new ApiError(
      asked.operation,
      'internal',
      `the service returned a relationship (${id ?? 'no id'}) without ${lacks}: its address is unknown, so nothing is planned`,
      undefined,
      1,
      'IncompleteAnswer',
    );
  }
  return {
    id,
    arn,
    catalog: item.catalog ?? asked.catalog,
    programManagementAccountId: pma,
    associatedAccountId,
    ...(item.revision ? { revision: item.revision } : {}),
    ...readFieldsOf(item),
    ...(item.createdAt ? { createdAt: item.createdAt.toISOString() } : {}),
    ...(item.updatedAt ? { updatedAt: item.updatedAt.toISOString() } : {}),
  };
}

/** Every field of the table a read returns (absent or empty: unknown, left out), as the service sent it. */
function readFieldsOf(item: RelationshipSummary | RelationshipDetail): Partial<Pick<LiveRelationship, ReadField>> {
  const answer = item as Record<string, unknown>;
  return Object.fromEntries(READ_FIELDS.flatMap((name) => (answer[readNameOf(name)] ? [[name, answer[readNameOf(name)]]] : [])));
}

export function sdkRelationshipApi({ client, call }: SdkCalls): RelationshipApi {
  return {
    async listRelationships(filter) {
      const pages = readAllPages('ListRelationships', (nextToken) =>
        call('ListRelationships', 'read', () => client.send(new ListRelationshipsCommand({ ...filter, maxResults: 100, nextToken }))),
      );
      const items: LiveRelationship[] = [];
      const pmas = filter.programManagementAccountIdentifiers ?? [];
      const asked = { operation: 'ListRelationships', catalog: filter.catalog, ...(pmas.length === 1 ? { pmaId: pmaIdOf(pmas[0] as string) } : {}) };
      for await (const page of pages) for (const item of page.items ?? []) items.push(toLive(item, asked));
      return items;
    },

    async getRelationship(ref) {
      const out = await call('GetRelationship', 'read', () => client.send(new GetRelationshipCommand(ref)));
      return toLive(out.relationshipDetail ?? {}, { operation: 'GetRelationship', catalog: ref.catalog, pmaId: pmaIdOf(ref.programManagementAccountIdentifier) });
    },

    async createRelationship({ tags, ...request }) {
      const out = await call('CreateRelationship', 'write', () => client.send(new CreateRelationshipCommand({ ...request, tags: toTagList(tags) })));
      const { id, arn } = out.relationshipDetail ?? {};
      return { ...(id ? { id } : {}), ...(arn ? { arn } : {}) };
    },

    async updateRelationship(request) {
      const out = await call('UpdateRelationship', 'write', () => client.send(new UpdateRelationshipCommand(request)));
      return out.relationshipDetail?.revision ? { revision: out.relationshipDetail.revision } : {};
    },

    async deleteRelationship(ref) {
      await call('DeleteRelationship', 'write', () => client.send(new DeleteRelationshipCommand(ref)));
    },
  };
}
