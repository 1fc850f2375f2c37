import {
  ListRelationshipsCommand,
  paginateListRelationships,
  ResourceNotFoundException,
  ValidationException,
  type ListRelationshipsCommandInput,
  type RelationshipSummary,
} from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { withEmulator, type EmulatorHandle } from '../support/emulator.js';
import { accountNumber, failureOf, OTHER_PMA_ID, PMA_ARN, PMA_ID } from './support.js';

const TYPES = ['END_CUSTOMER', 'DOWNSTREAM_SELLER', 'INTERNAL'] as const;

/** 25 relationships under PMA_ID (types cycling) and 5 under OTHER_PMA_ID, plus one in the Sandbox catalog. */
function seed(emulator: RunningEmulator): void {
  const { state } = emulator;
  for (let i = 0; i < 25; i++) {
    state.seedRelationship({
      pmaId: PMA_ID,
      associatedAccountId: accountNumber(i),
      associationType: TYPES[i % 3] ?? 'INTERNAL',
      displayName: `Customer ${i}`,
      sector: 'COMMERCIAL',
      resaleAccountModel: 'END_CUSTOMER',
    });
  }
  for (let i = 0; i < 5; i++) {
    state.seedRelationship({
      pmaId: OTHER_PMA_ID,
      associatedAccountId: accountNumber(i),
      associationType: 'END_CUSTOMER',
      displayName: `Other ${i}`,
      sector: 'GOVERNMENT',
    });
  }
  state.seedRelationship({
    catalog: 'Sandbox',
    pmaId: 'pma-sandboxsandbo',
    associatedAccountId: accountNumber(0),
    associationType: 'INTERNAL',
    displayName: 'Sandbox',
    sector: 'COMMERCIAL',
  });
}

async function listAll(emu: EmulatorHandle, input: Omit<ListRelationshipsCommandInput, 'nextToken'>): Promise<{ items: RelationshipSummary[]; pages: number }> {
  const client = emu.client();
  const items: RelationshipSummary[] = [];
  let pages = 0;
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListRelationshipsCommand({ ...input, nextToken }));
    items.push(...(page.items ?? []));
    nextToken = page.nextToken;
    pages++;
    if (pages > 100) throw new Error('paging does not end');
  } while (nextToken);
  return { items, pages };
}

describe('ListRelationships paging', () => {
  const emu = withEmulator({}, { seed });

  it('returns 20 by default, then the rest, each once, in creation order', async () => {
    const first = await emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS' }));
    expect(first.items).toHaveLength(20);
    expect(first.nextToken).toEqual(expect.any(String));
    const { items, pages } = await listAll(emu, { catalog: 'AWS' });
    expect(pages).toBe(2);
    expect(items.map((r) => r.id)).toEqual(
      emu.state
        .relationships()
        .filter((r) => r.catalog === 'AWS')
        .map((r) => r.id),
    );
  });

  it('honours maxResults across several pages', async () => {
    const { items, pages } = await listAll(emu, { catalog: 'AWS', maxResults: 7 });
    expect(pages).toBe(5); // 30 items: 7+7+7+7+2
    expect(new Set(items.map((r) => r.id)).size).toBe(30);
  });

  it('ends without a nextToken when the last page is exactly full', async () => {
    const page = await emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS', programManagementAccountIdentifiers: [OTHER_PMA_ID], maxResults: 5 }));
    expect(page.items).toHaveLength(5);
    expect(page.nextToken).toBeUndefined();
  });

  it('works with the SDK paginator', async () => {
    const ids: string[] = [];
    for await (const page of paginateListRelationships({ client: emu.client(), pageSize: 4 }, { catalog: 'AWS', associationTypes: ['INTERNAL'] })) {
      ids.push(...(page.items ?? []).map((r) => r.id ?? ''));
    }
    expect(ids).toHaveLength(8); // i % 3 === 2 for i < 25
  });

  it('omits resaleAccountModel from summaries (GetRelationship has it)', async () => {
    const page = await emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 1 }));
    expect(page.items?.[0]).toBeDefined();
    expect(page.items?.[0]).not.toHaveProperty('resaleAccountModel');
    expect(Object.keys(page.items?.[0] ?? {}).sort()).toEqual([
      'arn',
      'associatedAccountId',
      'associationType',
      'catalog',
      'createdAt',
      'displayName',
      'id',
      'programManagementAccountId',
      'revision',
      'sector',
      'startDate',
      'updatedAt',
    ]);
  });

  it('rejects a malformed nextToken and one from a different query', async () => {
    const client = emu.client();
    const bad = await failureOf(client.send(new ListRelationshipsCommand({ catalog: 'AWS', nextToken: 'not-a-token' })));
    expect(bad).toBeInstanceOf(ValidationException);
    const first = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 2 }));
    const other = await failureOf(client.send(new ListRelationshipsCommand({ catalog: 'AWS', associationTypes: ['INTERNAL'], nextToken: first.nextToken })));
    expect(other).toBeInstanceOf(ValidationException);
    // A different page size is the same query.
    const next = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 3, nextToken: first.nextToken }));
    expect(next.items).toHaveLength(3);
  });

  it('rejects maxResults outside 1-100', async () => {
    for (const maxResults of [0, 101]) {
      const error = await failureOf(emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults })));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.fieldList).toEqual([expect.objectContaining({ name: 'maxResults', code: 'VALUE_OUT_OF_RANGE' })]);
    }
  });
});

describe('ListRelationships with maxPageSize', () => {
  const emu = withEmulator({ maxPageSize: 3 }, { seed });

  it('caps every page below maxResults, and paging still returns everything once', async () => {
    const page = await emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS', maxResults: 100 }));
    expect(page.items).toHaveLength(3);
    const { items, pages } = await listAll(emu, { catalog: 'AWS', maxResults: 100 });
    expect(pages).toBe(10);
    expect(new Set(items.map((r) => r.id)).size).toBe(30);
  });

  it('does not skip anything when items are deleted between pages', async () => {
    const client = emu.client();
    const first = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', programManagementAccountIdentifiers: [PMA_ID] }));
    const seen = (first.items ?? []).map((r) => r.id ?? '');
    emu.state.removeRelationship(seen[2] ?? '');
    emu.state.removeRelationship(seen[1] ?? '');
    const second = await client.send(new ListRelationshipsCommand({ catalog: 'AWS', programManagementAccountIdentifiers: [PMA_ID], nextToken: first.nextToken }));
    // The cursor names the deleted last item; the page after it starts with the next surviving one.
    const survivors = emu.state.relationships().filter((r) => r.programManagementAccountId === PMA_ID);
    expect(survivors[0]?.id).toBe(seen[0]);
    expect(second.items?.map((r) => r.id)).toEqual(survivors.slice(1, 4).map((r) => r.id));
  });
});

describe('ListRelationships filters and sort', () => {
  const emu = withEmulator({}, { seed });
  const ids = async (input: Omit<ListRelationshipsCommandInput, 'nextToken'>): Promise<string[]> => (await listAll(emu, input)).items.map((r) => r.id ?? '');
  const expected = (pick: (r: ReturnType<EmulatorHandle['state']['relationships']>[number]) => boolean) =>
    emu.state
      .relationships()
      .filter((r) => r.catalog === 'AWS' && pick(r))
      .map((r) => r.id);

  it('filters by PMA, by id or ARN', async () => {
    expect(await ids({ catalog: 'AWS', programManagementAccountIdentifiers: [OTHER_PMA_ID] })).toEqual(expected((r) => r.programManagementAccountId === OTHER_PMA_ID));
    expect(await ids({ catalog: 'AWS', programManagementAccountIdentifiers: [PMA_ARN] })).toHaveLength(25);
    expect(await ids({ catalog: 'AWS', programManagementAccountIdentifiers: [PMA_ARN, OTHER_PMA_ID] })).toHaveLength(30);
  });

  it('filters by associated account, association type and display name, and combines filters with AND', async () => {
    expect(await ids({ catalog: 'AWS', associatedAccountIds: [accountNumber(1), accountNumber(7)] })).toEqual(
      expected((r) => [accountNumber(1), accountNumber(7)].includes(r.associatedAccountId)),
    );
    expect(await ids({ catalog: 'AWS', associationTypes: ['DOWNSTREAM_SELLER'] })).toEqual(expected((r) => r.associationType === 'DOWNSTREAM_SELLER'));
    expect(await ids({ catalog: 'AWS', displayNames: ['Customer 3', 'Other 4'] })).toEqual(expected((r) => ['Customer 3', 'Other 4'].includes(r.displayName)));
    expect(await ids({ catalog: 'AWS', associatedAccountIds: [accountNumber(1)], programManagementAccountIdentifiers: [OTHER_PMA_ID] })).toEqual(
      expected((r) => r.associatedAccountId === accountNumber(1) && r.programManagementAccountId === OTHER_PMA_ID),
    );
    expect(await ids({ catalog: 'AWS', associationTypes: ['INTERNAL'], programManagementAccountIdentifiers: [OTHER_PMA_ID] })).toEqual([]);
  });

  it('lists one catalog at a time', async () => {
    expect(await ids({ catalog: 'Sandbox' })).toHaveLength(1);
    expect(await ids({ catalog: 'Nothing' })).toEqual([]);
  });

  it('sorts by UpdatedAt both ways, across pages', async () => {
    const all = emu.state.relationships().filter((r) => r.catalog === 'AWS');
    const touched = [all[10]?.id ?? '', all[3]?.id ?? ''];
    for (const id of touched) emu.state.mutateRelationship(id, { displayName: `Touched ${id.slice(-4)}` });
    const ascending = await ids({ catalog: 'AWS', sort: { sortBy: 'UpdatedAt', sortOrder: 'Ascending' }, maxResults: 4 });
    const descending = await ids({ catalog: 'AWS', sort: { sortBy: 'UpdatedAt', sortOrder: 'Descending' }, maxResults: 4 });
    expect(ascending.slice(-2)).toEqual(touched);
    expect(descending.slice(0, 2)).toEqual([...touched].reverse());
    expect(descending).toEqual([...ascending].reverse());
  });

  it('answers 404 for an unknown PMA in the filter', async () => {
    const error = await failureOf(emu.client().send(new ListRelationshipsCommand({ catalog: 'AWS', programManagementAccountIdentifiers: ['pma-zzzzzzzzzzzzz'] })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
