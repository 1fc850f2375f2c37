/**
 * The JSON Schema in `schema/relationships.schema.json` is the single source of truth for shape and
 * constraints; ajv checks each document against it. The validator is ajv's standalone code for the schema,
 * generated at build time (scripts/generate-validator.mjs writes schema/relationships.validator.mjs; a test checks it
 * matches the schema): compiling the schema took a sixth of every `pcc validate`. Its options: allErrors (every
 * problem in one run), strict, verbose (errors carry their schema, for messages and suggestions), and the editor
 * hint keyword `errorMessage` (VS Code, yaml-language-server) accepted.
 */
import { readShippedFile } from '../io/shipped-files.js';
import type { AnySchemaObject, ErrorObject } from 'ajv/dist/2020.js';
import { validate as validator } from '../../schema/relationships.validator.mjs';

let schema: AnySchemaObject | undefined;

/** The schema's path in the package; `pcc init` copies the file into a new repository. */
const SCHEMA_PATH = 'schema/relationships.schema.json';

function relationshipsSchemaText(): string {
  return readShippedFile(SCHEMA_PATH);
}

export function relationshipsSchema(): AnySchemaObject {
  schema ??= JSON.parse(relationshipsSchemaText()) as AnySchemaObject;
  return schema;
}

/**
 * The root `allOf` holds constraints for editors only: catalog and PMA required after defaults, reserved tag keys.
 * pcc checks each with a named rule (src/kinds/relationship/load-rules.ts) that knows the defaults and says more, so ajv's version is dropped.
 */
const EDITOR_ONLY = '#/allOf/';

/** ajv's errors for one document's value (empty when valid). */
export function validateDocument(value: unknown): ErrorObject[] {
  return validator(value) ? [] : (validator.errors ?? []).filter((error) => !error.schemaPath.startsWith(EDITOR_ONLY));
}
