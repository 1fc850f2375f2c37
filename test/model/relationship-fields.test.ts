/**
 * The field table against the service model the project actually uses: the runtime schema shipped in
 * @aws-sdk/client-partnercentral-channel (so an SDK upgrade that adds a member fails here until a row accounts
 * for it). A static structure schema is `[3, namespace, name, traits, memberNames, memberSchemas, requiredCount?]`,
 * required members first. Checked once by hand against ../shared/reference/partnercentral-channel-2024-03-18.json
 * (SDK 3.1124.0): the same members and the same required members for all four shapes.
 */
import { CreateRelationshipRequest$, RelationshipDetail$, RelationshipSummary$, UpdateRelationshipRequest$ } from '@aws-sdk/client-partnercentral-channel';
import { describe, expect, it } from 'vitest';
import { INPUT_SHAPES } from '../../src/emulator/shapes.js';
import { FIELD_ROWS, membersOn, requiredOn, type Carrier } from '../../src/model/relationship-fields.js';

interface ModelShape {
  members: string[];
  required: string[];
}

function modelShape(schema: unknown): ModelShape {
  const [kind, , , , names, , requiredCount] = schema as [number, string, string, number, string[], unknown[], number?];
  expect(kind).toBe(3);
  return { members: [...names].sort(), required: names.slice(0, requiredCount ?? 0).sort() };
}

const SHAPES: [Exclude<Carrier, 'tag'>, string, unknown][] = [
  ['create', 'CreateRelationshipRequest', CreateRelationshipRequest$],
  ['update', 'UpdateRelationshipRequest', UpdateRelationshipRequest$],
  ['get', 'RelationshipDetail', RelationshipDetail$],
  ['list', 'RelationshipSummary', RelationshipSummary$],
];

describe('the relationship field table', () => {
  it.each(SHAPES)('accounts for every member of the model on %s (%s), and names no member the model lacks', (carrier, _name, schema) => {
    const model = modelShape(schema);
    const table = membersOn(carrier).sort();
    expect(
      model.members.filter((m) => !table.includes(m)),
      'members of the model no row accounts for',
    ).toEqual([]);
    expect(
      table.filter((m) => !model.members.includes(m)),
      'rows naming a member the model lacks',
    ).toEqual([]);
  });

  it.each(SHAPES.slice(0, 2))('requires on %s exactly what the model requires', (carrier, _name, schema) => {
    expect(requiredOn(carrier as 'create' | 'update').sort()).toEqual(modelShape(schema).required);
  });

  it("the emulator's input shapes, built from the table, have the model's members and required members", () => {
    for (const [carrier, name, schema] of SHAPES.slice(0, 2)) {
      const shape = INPUT_SHAPES[name.replace(/Request$/, '')];
      if (shape?.type !== 'structure') throw new Error(`no structure for ${name}`);
      const members = Object.entries(shape.members);
      expect(members.map(([m]) => m).sort(), carrier).toEqual(modelShape(schema).members);
      expect(
        members
          .filter(([, m]) => m.required)
          .map(([m]) => m)
          .sort(),
        carrier,
      ).toEqual(modelShape(schema).required);
    }
  });

  it('keeps rows consistent: write-only fields are never read, replace fields are never updated, identity is never compared', () => {
    for (const [name, row] of FIELD_ROWS) {
      const read = row.travels.includes('list') || row.travels.includes('get');
      if (row.role === 'writeOnly') expect(read, name).toBe(false);
      if (row.role === 'replace') expect(row.travels.includes('update'), name).toBe(false);
      if (row.role === 'identity') expect(row.compare, name).toBe('none');
      if (row.compare === 'whenReturned' || row.compare === 'whenDeclared') expect(read, name).toBe(true);
    }
  });
});
