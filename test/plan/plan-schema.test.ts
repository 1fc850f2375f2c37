/**
 * schema/plan.schema.json is the documented shape of the plan JSON and what checks saved plans: every plan the
 * golden fixtures hold (made by buildPlan, or hand-built for the renderers) must validate, use no key the schema
 * does not declare, and say `applyable` as planBlockers decides it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FIELD_ROWS, isRequiredInSpec } from '../../src/model/relationship-fields.js';
import { ACTION_SYMBOLS, ACTIONS } from '../../src/plan/actions.js';
import { isApplyable } from '../../src/plan/applyable.js';
import { CHANGE_REASON_CODES } from '../../src/plan/change-reasons.js';
import { checkPlanShape } from '../../src/plan/saved-plan.js';
import { KIND_NAMES } from '../../src/kinds/registry.js';
import type { Plan } from '../../src/plan/plan-types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const schema = JSON.parse(readFileSync(join(ROOT, 'schema/plan.schema.json'), 'utf8')) as Record<string, any>;

function goldenPlans(): Array<[string, Plan]> {
  const plans: Array<[string, Plan]> = [];
  for (const [folder, file] of [
    ['test/fixtures/plan', 'expected.plan.json'],
    ['test/fixtures/render', 'plan.json'],
  ] as const) {
    for (const name of readdirSync(join(ROOT, folder)).sort()) {
      plans.push([`${folder}/${name}`, JSON.parse(readFileSync(join(ROOT, folder, name, file), 'utf8')) as Plan]);
    }
  }
  return plans;
}

/** Every object schema below `node` with `properties`, as [JSON path, schema]. */
function objectSchemas(node: unknown, path = '#'): Array<[string, Record<string, any>]> {
  if (typeof node !== 'object' || node === null) return [];
  const here: Array<[string, Record<string, any>]> = 'properties' in node ? [[path, node as Record<string, any>]] : [];
  return [...here, ...Object.entries(node).flatMap(([key, value]) => objectSchemas(value, `${path}/${key}`))];
}

/** The schema with `additionalProperties: false` wherever it lists properties: no undeclared key passes. */
function closedSchema(): object {
  const copy = structuredClone(schema);
  for (const [, node] of objectSchemas(copy)) node.additionalProperties ??= false;
  return copy;
}

describe('schema/plan.schema.json', () => {
  const plans = goldenPlans();
  const closed = new Ajv2020({ strict: true }).compile(closedSchema());

  it('covers the golden fixtures', () => {
    expect(plans.length).toBeGreaterThanOrEqual(25);
  });

  it.each(plans)('%s validates, with no key the schema does not declare', (_name, plan) => {
    expect(checkPlanShape(plan, schema)).toBeUndefined();
    expect(closed(plan), JSON.stringify(closed.errors)).toBe(true);
  });

  it.each(plans)('%s says applyable as planBlockers decides', (_name, plan) => {
    expect(plan.applyable).toBe(isApplyable(plan));
  });

  it('describes every key', () => {
    const undescribed = objectSchemas(schema).flatMap(([path, node]) =>
      Object.entries(node.properties as Record<string, Record<string, unknown>>)
        .filter(([, property]) => typeof property.description !== 'string' || property.description.length < 10)
        .map(([key]) => `${path}/properties/${key}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('declares under desired exactly the fields of the field table, required as the spec requires them', () => {
    // The goldens cannot catch a new row: none of them holds its field yet (README, "How to add a relationship field", step 4).
    const desired = schema.$defs.desired;
    expect(Object.keys(desired.properties).sort()).toEqual(FIELD_ROWS.map(([name]) => name).sort());
    expect([...desired.required].sort()).toEqual(
      FIELD_ROWS.filter(([, row]) => isRequiredInSpec(row))
        .map(([name]) => name)
        .sort(),
    );
  });

  it('lists the actions, kinds and reason codes the code has', () => {
    const change = schema.$defs.change.properties;
    expect(change.action.enum).toEqual([...ACTIONS]);
    expect(change.kind.enum).toEqual([...KIND_NAMES]);
    expect(change.reasonCode.enum).toEqual([...CHANGE_REASON_CODES]);
  });

  it('refuses a golden plan with an undeclared kind or reason code, or without applyable', () => {
    const [, plan] = plans.find(([name]) => name.endsWith('/replace-allowed'))!;
    const edit = (patch: (copy: any) => void) => {
      const copy = structuredClone(plan) as any;
      patch(copy);
      return checkPlanShape(copy, schema);
    };
    expect(edit((p) => (p.changes[1].reasonCode = 'replace-maybe'))).toMatch(/^changes\[1\]\.reasonCode: expected one of replace-allowed, .*, got "replace-maybe"$/);
    expect(edit((p) => delete p.changes[0].kind)).toBe('changes[0].kind: expected one of programManagementAccount, relationship, servicePeriod, got nothing');
    expect(edit((p) => delete p.applyable)).toBe('applyable: expected true or false, got nothing');
    expect(edit((p) => (p.summary.reads = 1.5))).toBe('summary.reads: expected a whole number, got a number');
  });
});

describe('schema/plan.schema.json action words', () => {
  it('documents each action with the symbol pcc shows for it (an adopt has none, as terraform shows an import)', () => {
    const text = schema.$defs.change.properties.action.description as string;
    const relationshipPart = text.split('For kind servicePeriod')[0]!;
    for (const action of ACTIONS.filter((a) => a !== 'no-op')) {
      const symbol = ACTION_SYMBOLS[action].trim();
      const documented = new RegExp(`\\b${action} \\(([^,)]*)`).exec(relationshipPart)?.[1];
      expect(documented, action).toBeDefined();
      if (symbol) expect(documented, action).toBe(symbol);
      else expect(documented, action).not.toMatch(/^[-+~<=>/]+$/);
    }
  });
});
