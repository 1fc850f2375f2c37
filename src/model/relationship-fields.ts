/**
 * THE FIELD TABLE: every per-field decision about a relationship, in one place (as AWS CDK's cloudformation-diff
 * keeps replacement behaviour per property). Normalising, diffing, the create and update payloads, import, fmt's
 * key order, the SDK adapter's reads, the emulator's shapes and the renderers read these rows instead of naming
 * fields. test/model/relationship-fields.test.ts walks the SDK's own model of CreateRelationship,
 * UpdateRelationship, RelationshipDetail and RelationshipSummary and fails on any member no row accounts for.
 *
 * Adding a field: a row here, the field in `RelationshipSpec` and in `schema/` (see README, "How to add a field").
 */
import type { RelationshipSpec } from './relationship.js';

/** Where a member travels: CreateRelationship / UpdateRelationship input, ListRelationships summary, GetRelationship detail, a tag. */
export type Carrier = 'create' | 'update' | 'list' | 'get' | 'tag';

/**
 * What a field is to pcc: `identity` (part of the address), `inPlace` (UpdateRelationship or a tag call changes it),
 * `replace` (cannot change after create: a difference forces delete + create), `writeOnly` (sent, never returned:
 * fingerprinted into the `pcc:support-plan` tag), `readOnly` (the service sets it), `request` (a request-only member).
 */
type FieldRole = 'identity' | 'inPlace' | 'replace' | 'writeOnly' | 'readOnly' | 'request';

/**
 * How a desired value is compared with the live one.
 * - `none`: never compared (identity: a different value is a different relationship; read-only members).
 * - `whenReturned`: compared when the service returned the member; absent means unknown, never a change.
 * - `whenDeclared`: compared only when the file declares it (a file that omits it does not manage it); read only
 *   by GetRelationship, whose answer is authoritative: absent there means none.
 * - `supportPlanFingerprint`: the named strategy for the write-only support plan (see diffSupportPlan).
 * - `perTagKey`: the named strategy for user tags, one `tags.<key>` change per key (see diffUserTags).
 */
type Comparison = 'none' | 'whenReturned' | 'whenDeclared' | 'supportPlanFingerprint' | 'perTagKey';

/** How a file's entry becomes the desired value: a document default, a copy, or a named strategy. */
export type Normalising = 'documentDefault' | 'copy' | 'supportPlan' | 'tagMap';

/** How a value is shown to people: as JSON, a support plan in words, or per tag key (`tags.<key>`). */
type Rendering = 'value' | 'supportPlan' | 'perTagKey';

export interface FieldRow {
  travels: readonly Carrier[];
  /** The inputs that require it (the model's `required` trait). */
  requiredIn: readonly ('create' | 'update')[];
  role: FieldRole;
  compare: Comparison;
  normalise: Normalising;
  render: Rendering;
  /** Its name in ListRelationships / GetRelationship answers, where that differs. */
  readAs?: string;
}

/** Members of the service's shapes that are not fields of a RelationshipSpec (pcc never declares them). */
export interface MemberRow {
  travels: readonly Carrier[];
  requiredIn: readonly ('create' | 'update')[];
  role: 'readOnly' | 'request';
}

const IDENTITY = { role: 'identity', compare: 'none', normalise: 'copy', render: 'value' } as const;

/** One row per RelationshipSpec field, in the spec's order (the order of `desired` in the plan JSON). */
const RELATIONSHIP_FIELDS = {
  catalog: { ...IDENTITY, normalise: 'documentDefault', travels: ['create', 'update', 'list', 'get'], requiredIn: ['create', 'update'] },
  programManagementAccountIdentifier: {
    ...IDENTITY,
    normalise: 'documentDefault',
    travels: ['create', 'update', 'list', 'get'],
    requiredIn: ['create', 'update'],
    readAs: 'programManagementAccountId',
  },
  associatedAccountId: { ...IDENTITY, travels: ['create', 'list', 'get'], requiredIn: ['create'] },
  associationType: { role: 'replace', compare: 'whenReturned', normalise: 'copy', render: 'value', travels: ['create', 'list', 'get'], requiredIn: ['create'] },
  displayName: { role: 'inPlace', compare: 'whenReturned', normalise: 'copy', render: 'value', travels: ['create', 'update', 'list', 'get'], requiredIn: ['create'] },
  sector: { role: 'replace', compare: 'whenReturned', normalise: 'copy', render: 'value', travels: ['create', 'list', 'get'], requiredIn: ['create'] },
  resaleAccountModel: { role: 'replace', compare: 'whenDeclared', normalise: 'copy', render: 'value', travels: ['create', 'get'], requiredIn: [] },
  requestedSupportPlan: {
    role: 'writeOnly',
    compare: 'supportPlanFingerprint',
    normalise: 'supportPlan',
    render: 'supportPlan',
    travels: ['create', 'update', 'tag'],
    requiredIn: [],
  },
  tags: { role: 'inPlace', compare: 'perTagKey', normalise: 'tagMap', render: 'perTagKey', travels: ['create', 'tag'], requiredIn: [] },
} as const satisfies Record<keyof RelationshipSpec, FieldRow>;

/** The other members of CreateRelationship / UpdateRelationship inputs and of RelationshipSummary / RelationshipDetail. */
const RELATIONSHIP_MEMBERS = {
  clientToken: { role: 'request', travels: ['create'], requiredIn: [] },
  identifier: { role: 'request', travels: ['update'], requiredIn: ['update'] },
  /** Sent back in UpdateRelationship for optimistic concurrency. */
  revision: { role: 'readOnly', travels: ['update', 'list', 'get'], requiredIn: [] },
  id: { role: 'readOnly', travels: ['list', 'get'], requiredIn: [] },
  arn: { role: 'readOnly', travels: ['list', 'get'], requiredIn: [] },
  createdAt: { role: 'readOnly', travels: ['list', 'get'], requiredIn: [] },
  updatedAt: { role: 'readOnly', travels: ['list', 'get'], requiredIn: [] },
  startDate: { role: 'readOnly', travels: ['list', 'get'], requiredIn: [] },
} as const satisfies Record<string, MemberRow>;

type Rows = typeof RELATIONSHIP_FIELDS;
export type FieldName = keyof Rows;
type Members = typeof RELATIONSHIP_MEMBERS;

/** The fields that travel on `C`. */
export type FieldsOn<C extends Carrier> = { [K in FieldName]: C extends Rows[K]['travels'][number] ? K : never }[FieldName];
/** The fields whose role is `R`. */
type FieldsWithRole<R extends FieldRole> = { [K in FieldName]: Rows[K]['role'] extends R ? K : never }[FieldName];
/** Fields a read returns that are not part of the address: each may be absent from an answer (unknown). */
export type ReadField = Exclude<FieldsOn<'list'> | FieldsOn<'get'>, FieldsWithRole<'identity'>>;
/** Fields UpdateRelationship can change. */
export type UpdateField = Exclude<FieldsOn<'update'>, FieldsWithRole<'identity'>>;
/** Non-identity fields only GetRelationship returns (ListRelationships leaves them out). */
export type DetailField = Exclude<FieldsOn<'get'>, FieldsOn<'list'> | FieldsWithRole<'identity'>>;
/** Detail fields that cannot change after create: once read for an id, a cache may keep them. */
export type CachedDetailField = DetailField & FieldsWithRole<'replace'>;
/** Fields an entry may take from its document's defaults. */
export type DocumentField = { [K in FieldName]: Rows[K]['normalise'] extends 'documentDefault' ? K : never }[FieldName];
/** The members of a live read that a relationship's address is made of, or that pcc reads besides its fields. */
export type MemberName = keyof Members;

type RequiredOnCreate = { [K in FieldName]: 'create' extends Rows[K]['requiredIn'][number] ? K : never }[FieldName];
type OptionalInSpec = { [K in FieldName]-?: undefined extends RelationshipSpec[K] ? K : never }[FieldName];
type TagMapField = { [K in FieldName]: Rows[K]['normalise'] extends 'tagMap' ? K : never }[FieldName];
/**
 * Compile-time check that a row agrees with RelationshipSpec: what CreateRelationship requires is required in the
 * spec, and every other required spec field is the tag map (normalised to `{}` when a file has none).
 */
type PresenceAgrees = [RequiredOnCreate & OptionalInSpec] extends [never]
  ? [Exclude<FieldName, RequiredOnCreate | OptionalInSpec | TagMapField>] extends [never]
    ? true
    : 'a required RelationshipSpec field is not required by CreateRelationship'
  : 'a field CreateRelationship requires is optional in RelationshipSpec';
const FIELD_PRESENCE_AGREES: PresenceAgrees = true;

/** Whether RelationshipSpec requires the field (see PresenceAgrees). */
export const isRequiredInSpec = (row: FieldRow): boolean => row.requiredIn.includes('create') || row.normalise === 'tagMap';

const entries = <K extends string, V>(record: Record<K, V>) => Object.entries(record) as [K, V][];

/** Every field with its row, in table order. */
export const FIELD_ROWS: readonly [FieldName, FieldRow][] = entries<FieldName, FieldRow>(RELATIONSHIP_FIELDS);
/** Every other member with its row. */
export const MEMBER_ROWS: readonly [MemberName, MemberRow][] = entries<MemberName, MemberRow>(RELATIONSHIP_MEMBERS);

export const fieldRow = (name: FieldName): FieldRow => RELATIONSHIP_FIELDS[name];
export const isFieldName = (name: string): name is FieldName => Object.hasOwn(RELATIONSHIP_FIELDS, name);

/** Field names whose row satisfies `test`, in table order. */
export function fieldsWhere(test: (row: FieldRow, name: FieldName) => boolean): FieldName[] {
  return FIELD_ROWS.filter(([name, row]) => test(row, name)).map(([name]) => name);
}

/** A field's (or member's) name in a ListRelationships / GetRelationship answer. */
export const readNameOf = (name: FieldName | MemberName): string => (isFieldName(name) ? (fieldRow(name).readAs ?? name) : name);

export const isReadable = (row: Pick<FieldRow, 'travels'>): boolean => row.travels.includes('list') || row.travels.includes('get');

/** Fields an entry may take from its document's defaults (see DocumentField), in table order. */
export const DOCUMENT_FIELDS = fieldsWhere((row) => row.normalise === 'documentDefault') as DocumentField[];
/** Fields that cannot change in place: a difference forces delete + create. */
export const IMMUTABLE_FIELDS = fieldsWhere((row) => row.role === 'replace');
/** Non-identity fields that reads return (see ReadField), in table order. */
export const READ_FIELDS = fieldsWhere((row) => row.role !== 'identity' && isReadable(row)) as ReadField[];
/** Fields only GetRelationship returns (see DetailField): an entry declaring one needs a Get to compare it. */
export const DETAIL_FIELDS = fieldsWhere((row) => row.role !== 'identity' && row.travels.includes('get') && !row.travels.includes('list')) as DetailField[];
/** Detail fields that cannot change after create (see CachedDetailField): the refresh cache may keep them for an id. */
export const CACHED_DETAIL_FIELDS = DETAIL_FIELDS.filter((name) => fieldRow(name).role === 'replace') as CachedDetailField[];
/** Fields UpdateRelationship carries (see UpdateField), in table order: the only ones it can change. */
export const UPDATE_FIELDS = fieldsWhere((row) => row.role !== 'identity' && row.travels.includes('update')) as UpdateField[];

/**
 * The order a plan lists a relationship's field changes in: fields that force a replacement first, then the rest,
 * each in table order. Identity fields are never changes.
 */
export const CHANGE_ORDER: readonly FieldName[] = [
  ...fieldsWhere((row) => row.role === 'replace'),
  ...fieldsWhere((row) => row.role !== 'replace' && row.role !== 'identity'),
];

/** Every member name of each shape, per the table: what test/model walks the SDK's model against. */
export function membersOn(carrier: Exclude<Carrier, 'tag'>): string[] {
  const fields = FIELD_ROWS.filter(([, row]) => row.travels.includes(carrier)).map(([name, row]) =>
    carrier === 'list' || carrier === 'get' ? (row.readAs ?? name) : name,
  );
  return [...fields, ...MEMBER_ROWS.filter(([, row]) => row.travels.includes(carrier)).map(([name]) => name)];
}

/** The members an input requires, per the table. */
export function requiredOn(carrier: 'create' | 'update'): string[] {
  return [...FIELD_ROWS, ...MEMBER_ROWS].filter(([, row]) => row.requiredIn.includes(carrier)).map(([name]) => name);
}

function rowOf(name: string): FieldRow | MemberRow | undefined {
  if (isFieldName(name)) return RELATIONSHIP_FIELDS[name];
  return Object.hasOwn(RELATIONSHIP_MEMBERS, name) ? RELATIONSHIP_MEMBERS[name as MemberName] : undefined;
}

/** Whether the field or member `name` travels on `carrier`, and whether that input requires it. */
export function travelOf(name: string, carrier: Exclude<Carrier, 'tag'>): { travels: boolean; required: boolean } {
  const row = rowOf(name);
  return { travels: row?.travels.includes(carrier) ?? false, required: (row?.requiredIn as readonly string[] | undefined)?.includes(carrier) ?? false };
}
