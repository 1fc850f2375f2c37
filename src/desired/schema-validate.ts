/**
 * The JSON Schema in `schema/relationships.schema.json` is the single source of truth for shape and
 * constraints; ajv checks each document against it. The validator is compiled once per process.
 */
import { readShippedFile } from '../io/shipped-files.js';
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

let schema: AnySchemaObject | undefined;
let validator: ValidateFunction | undefined;

/** The schema's path in the package; `pcc init` copies the file into a new repository. */
const SCHEMA_PATH = 'schema/relationships.schema.json';

function relationshipsSchemaText(): string {
  return readShippedFile(SCHEMA_PATH);
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
 * pcc checks each with a named rule (src/kinds/relationship/load-rules.ts) that knows the defaults and says more, so ajv's version is dropped.
 */
const EDITOR_ONLY = '#/allOf/';

/** ajv's errors for one document's value (empty when valid). */
export function validateDocument(value: unknown): ErrorObject[] {
  validator ??= compileValidator();
  return validator(value) ? [] : (validator.errors ?? []).filter((error) => !error.schemaPath.startsWith(EDITOR_ONLY));
}
