/**
 * The emulator's data: program management accounts, relationships (with their tags and write-only support
 * plans) and remembered clientTokens. Tests and the demo seed and inspect it directly; operations change it
 * through the "service" methods. Every change notifies the listeners (persistence saves on it).
 */
import { createPrng, generateId, randomSeed, type Prng } from './random.js';
import {
  buildRelationshipRecord,
  idOfIdentifier,
  isEmulatorStateJson,
  pmaArnOf,
  type EmulatorStateJson,
  type HandshakeRecord,
  type IdempotencyRecord,
  type PmaRecord,
  type RelationshipFields,
  type RelationshipRecord,
} from './state-records.js';

export interface EmulatorStateOptions {
  /** The account in every ARN the emulator makes. Default `123456789012`. */
  accountId?: string;
  /** Seeds the id generator, so ids repeat from run to run. Default: random. */
  seed?: number;
  /** The clock in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

export interface CreatePmaInput {
  id?: string;
  catalog?: string;
  displayName?: string;
  accountId?: string;
  program?: string;
  status?: string;
  tags?: Record<string, string>;
}

export interface SeedRelationshipInput extends RelationshipFields {
  /** The catalog of the PMA when it has to be created (default AWS); an existing PMA brings its own. */
  catalog?: string;
  pmaId: string;
  id?: string;
  revision?: string;
}

/** What `mutateRelationship` may change: anything someone else could have done to it. */
export type RelationshipChanges = Partial<Omit<RelationshipFields, 'associatedAccountId' | 'tags'>>;

export class EmulatorState {
  #accountId: string;
  readonly #prng: Prng;
  readonly #now: () => number;
  #lastTimestamp = 0;
  readonly #pmas = new Map<string, PmaRecord>();
  readonly #relationships = new Map<string, RelationshipRecord>();
  readonly #idempotency = new Map<string, IdempotencyRecord>();
  readonly #handshakes = new Map<string, HandshakeRecord>();
  readonly #listeners = new Set<() => void>();

  constructor(options: EmulatorStateOptions = {}) {
    this.#accountId = options.accountId ?? '123456789012';
    this.#prng = createPrng(options.seed ?? randomSeed());
    this.#now = options.now ?? Date.now;
  }

  get accountId(): string {
    return this.#accountId;
  }

  /** Called after every change; returns a function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- For tests and the demo: validation, quotas and rate limits do not apply; records are copies. ----

  /**
   * Creates a PMA (ACTIVE, program SOLUTION_PROVIDER, catalog AWS unless given): one that exists already, unlike
   * CreateProgramManagementAccount's PENDING one. Throws on a taken id.
   */
  createPma(input: CreatePmaInput = {}): PmaRecord {
    return structuredClone(this.addPma(input));
  }

  /** Inserts a relationship as if created long ago; creates its PMA when missing. Throws on a taken id or address. */
  seedRelationship(input: SeedRelationshipInput): RelationshipRecord {
    const pma = this.#pmas.get(input.pmaId) ?? this.addPma({ id: input.pmaId, catalog: input.catalog ?? 'AWS' });
    const id = input.id ?? this.newId('rs');
    if (this.#relationships.has(id)) throw new Error(`relationship ${id} already exists`);
    const taken = this.findByAccount(pma.id, input.associatedAccountId);
    if (taken) throw new Error(`${pma.id} already has relationship ${taken.id} with account ${input.associatedAccountId}`);
    const record = buildRelationshipRecord(pma, id, this.nextTimestamp(), input, input.revision);
    this.addRelationship(record);
    return structuredClone(record);
  }

  pmas(): PmaRecord[] {
    return [...this.#pmas.values()].map((pma) => structuredClone(pma));
  }

  getPma(id: string): PmaRecord | undefined {
    const pma = this.#pmas.get(idOfIdentifier(id));
    return pma && structuredClone(pma);
  }

  relationships(): RelationshipRecord[] {
    return [...this.#relationships.values()].map((r) => structuredClone(r));
  }

  getRelationship(id: string): RelationshipRecord | undefined {
    const record = this.#relationships.get(idOfIdentifier(id));
    return record && structuredClone(record);
  }

  /** Someone else changed the relationship: applies `changes` and bumps revision and updatedAt. */
  mutateRelationship(id: string, changes: RelationshipChanges): RelationshipRecord {
    const record = this.#relationships.get(idOfIdentifier(id));
    if (!record) throw new Error(`no relationship ${id}`);
    Object.assign(record, structuredClone(changes));
    this.touch(record);
    return structuredClone(record);
  }

  /** Someone else deleted the relationship. Returns whether it existed. */
  removeRelationship(id: string): boolean {
    const existed = this.#relationships.delete(idOfIdentifier(id));
    if (existed) this.changed();
    return existed;
  }

  handshakes(): HandshakeRecord[] {
    return [...this.#handshakes.values()].map((h) => structuredClone(h));
  }

  /** Someone (a test) changes a handshake's status, as the customer or time would. */
  setHandshakeStatus(id: string, status: string): HandshakeRecord {
    const record = this.#handshakes.get(idOfIdentifier(id));
    if (!record) throw new Error(`no handshake ${id}`);
    record.status = status;
    record.updatedAt = this.nextTimestamp();
    this.changed();
    return structuredClone(record);
  }

  /**
   * Someone else (its account, AWS) changed the PMA's status: e.g. INACTIVE, which no operation sets. Becoming
   * ACTIVE sets its startDate when it has none. Bumps revision and updatedAt.
   */
  setPmaStatus(id: string, status: 'PENDING' | 'ACTIVE' | 'INACTIVE'): PmaRecord {
    const pma = this.#pmas.get(idOfIdentifier(id));
    if (!pma) throw new Error(`no program management account ${id}`);
    this.changePmaStatus(pma, status);
    return structuredClone(pma);
  }

  /** Replaces all tags of the PMA or relationship with this ARN. Throws when there is none. */
  setTags(arn: string, tags: Record<string, string>): void {
    const resource = this.resourceByArn(arn);
    if (!resource) throw new Error(`no resource ${arn}`);
    resource.tags = { ...tags };
    this.changed();
  }

  /** Tags of the resource with this ARN, or undefined when there is none. */
  tagsOf(arn: string): Record<string, string> | undefined {
    const resource = this.resourceByArn(arn);
    return resource && { ...resource.tags };
  }

  toJSON(): EmulatorStateJson {
    return structuredClone({
      formatVersion: 1,
      accountId: this.#accountId,
      pmas: [...this.#pmas.values()],
      relationships: [...this.#relationships.values()],
      idempotency: [...this.#idempotency.values()],
      handshakes: [...this.#handshakes.values()],
    });
  }

  /** Replaces everything with the contents of a `toJSON()` value (its account id included). */
  load(json: unknown): void {
    if (!isEmulatorStateJson(json)) throw new Error('not an emulator state (expected formatVersion 1 with accountId, pmas, relationships, idempotency)');
    const copy = structuredClone(json);
    this.#accountId = copy.accountId;
    this.#pmas.clear();
    this.#relationships.clear();
    this.#idempotency.clear();
    this.#handshakes.clear();
    for (const h of copy.handshakes ?? []) this.#handshakes.set(h.id, h);
    for (const pma of copy.pmas) this.#pmas.set(pma.id, pma);
    for (const r of copy.relationships) this.#relationships.set(r.id, r);
    for (const entry of copy.idempotency) this.#idempotency.set(idempotencyKey(entry.operation, entry.clientToken), entry);
    for (const r of [...copy.pmas, ...copy.relationships]) this.#lastTimestamp = Math.max(this.#lastTimestamp, Date.parse(r.updatedAt) || 0);
    this.changed();
  }

  // ---- For operations: live records; call touch()/changed() after changing one. ----

  /** A fresh ISO-8601 timestamp, strictly later than every earlier one, so UpdatedAt order is change order. */
  nextTimestamp(): string {
    this.#lastTimestamp = Math.max(this.#now(), this.#lastTimestamp + 1);
    return new Date(this.#lastTimestamp).toISOString();
  }

  newId(prefix: 'rs' | 'pma' | 'ch'): string {
    for (;;) {
      const id = generateId(prefix, this.#prng);
      if (!this.#pmas.has(id) && !this.#relationships.has(id) && !this.#handshakes.has(id)) return id;
    }
  }

  addPma(input: CreatePmaInput): PmaRecord {
    const id = input.id ?? this.newId('pma');
    if (this.#pmas.has(id)) throw new Error(`program management account ${id} already exists`);
    const catalog = input.catalog ?? 'AWS';
    const at = this.nextTimestamp();
    const status = input.status ?? 'ACTIVE';
    const pma: PmaRecord = {
      id,
      arn: pmaArnOf(this.#accountId, catalog, id),
      catalog,
      program: input.program ?? 'SOLUTION_PROVIDER',
      displayName: input.displayName ?? `Emulated ${id}`.slice(0, 30),
      accountId: input.accountId ?? this.#accountId,
      status,
      revision: '1',
      createdAt: at,
      updatedAt: at,
      ...(status === 'ACTIVE' && { startDate: at }),
      tags: { ...input.tags },
    };
    this.#pmas.set(id, pma);
    this.changed();
    return pma;
  }

  /** Sets the PMA's status (and its startDate on first becoming ACTIVE), bumps revision and updatedAt. */
  changePmaStatus(pma: PmaRecord, status: string): void {
    pma.status = status;
    this.touch(pma);
    if (status === 'ACTIVE' && pma.startDate === undefined) {
      pma.startDate = pma.updatedAt;
      this.changed();
    }
  }

  deletePma(id: string): void {
    if (this.#pmas.delete(id)) this.changed();
  }

  pmaRecord(id: string): PmaRecord | undefined {
    return this.#pmas.get(id);
  }

  livePmas(): Iterable<PmaRecord> {
    return this.#pmas.values();
  }

  relationshipRecord(id: string): RelationshipRecord | undefined {
    return this.#relationships.get(id);
  }

  liveRelationships(): Iterable<RelationshipRecord> {
    return this.#relationships.values();
  }

  addRelationship(record: RelationshipRecord): void {
    this.#relationships.set(record.id, record);
    this.changed();
  }

  deleteRelationship(id: string): void {
    if (this.#relationships.delete(id)) this.changed();
  }

  handshakeRecord(id: string): HandshakeRecord | undefined {
    return this.#handshakes.get(id);
  }

  liveHandshakes(): Iterable<HandshakeRecord> {
    return this.#handshakes.values();
  }

  addHandshake(record: HandshakeRecord): void {
    this.#handshakes.set(record.id, record);
    this.changed();
  }

  findByAccount(pmaId: string, associatedAccountId: string): RelationshipRecord | undefined {
    for (const r of this.#relationships.values()) {
      if (r.programManagementAccountId === pmaId && r.associatedAccountId === associatedAccountId) return r;
    }
    return undefined;
  }

  countRelationships(pmaId: string): number {
    let n = 0;
    for (const r of this.#relationships.values()) if (r.programManagementAccountId === pmaId) n++;
    return n;
  }

  /** Bumps revision and updatedAt after a change to the record, and notifies. */
  touch(record: RelationshipRecord | PmaRecord): void {
    record.revision = String(Number(record.revision) + 1);
    record.updatedAt = this.nextTimestamp();
    this.changed();
  }

  resourceByArn(arn: string): RelationshipRecord | PmaRecord | undefined {
    const id = idOfIdentifier(arn);
    const resource = id.startsWith('rs-') ? this.#relationships.get(id) : this.#pmas.get(id);
    return resource?.arn === arn ? resource : undefined;
  }

  recallToken(operation: string, clientToken: string): IdempotencyRecord | undefined {
    return this.#idempotency.get(idempotencyKey(operation, clientToken));
  }

  rememberToken(entry: IdempotencyRecord): void {
    this.#idempotency.set(idempotencyKey(entry.operation, entry.clientToken), structuredClone(entry));
    this.changed();
  }

  changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function idempotencyKey(operation: string, clientToken: string): string {
  return `${operation}\u0000${clientToken}`;
}
