/**
 * The JSON Schema in `schema/relationships.schema.json` is the single source of truth for shape and
 * constraints; ajv checks each document against it. The validator is compiled once per process.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** Found next to `dist/` (and next to `src/` under tsx): the package ships `schema/`. */
export const SCHEMA_URL = new URL('../../schema/relationships.schema.json', import.meta.url);

let schema: AnySchemaObject | undefined;
let validator: ValidateFunction | undefined;

/**
 * The schema's text: inlined by the action bundle (esbuild `define`, see action/build.mjs), else read from
 * `schema/` next to the build. `pcc init` copies this text into a new repository.
 */
export function relationshipsSchemaText(): string {
  return typeof __PCC_BUNDLED_SCHEMA__ === 'string' ? __PCC_BUNDLED_SCHEMA__ : readFileSync(SCHEMA_URL, 'utf8');
}

export function relationshipsSchema(): AnySchemaObject {
  schema ??= JSON.parse(relationshipsSchemaText()) as AnySchemaObject;
  return schema;
}

function compileValidator(): ValidateFunction {
  // allErrors: every problem in one run. verbose: errors carry their schema, for messages and suggestions.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  // Editor hints (VS Code, yaml-language-server) read this; ajv only needs to accept it.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv.compile(relationshipsSchema());
}

/**
 * The root `allOf` holds constraints for editors only: catalog and PMA required after defaults, reserved tag keys.
 * pcc checks each with a named rule (rules.ts) that knows the defaults and says more, so ajv's version is dropped.
 */
const EDITOR_ONLY = '#/allOf/';

/** ajv's errors for one document's value (empty when valid). */
export function validateDocument(value: unknown): ErrorObject[] {
  validator ??= compileValidator();
  return validator(value) ? [] : (validator.errors ?? []).filter((error) => !error.schemaPath.startsWith(EDITOR_ONLY));
}
