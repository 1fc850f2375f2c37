/**
 * The service's envelope: behaviours the model allows and AWS may show, off by default, so pcc can be proven
 * robust against each (EMULATOR.md "The envelope"). Each is an option of `startEmulator` and a CLI flag.
 */

export interface EnvelopeOptions {
  /** Leave out the output members the model's own examples leave out: ListRelationships items lack
   * `catalog`, `sector` and `startDate`; GetRelationship lacks `catalog` and `startDate`. */
  omitOptionalMembers?: boolean;
  /** Milliseconds after CreateRelationship before the new relationship shows in GetRelationship (404 until
   * then) and ListRelationships. Uniqueness (409) sees it at once. */
  visibilityDelayMs?: number;
  /** Milliseconds a clientToken is remembered; after that a repeated token is a new request. Default: forever. */
  clientTokenTtlMs?: number;
  /** TagResource/UntagResource on a relationship bump its revision and updatedAt (AWS does not say). */
  tagWritesBumpRevision?: boolean;
  /** Pages shorter than maxResults (1 to 3 items), each after an empty page that still carries a nextToken. */
  shortPages?: boolean;
  /** One-shot: the next UpdateRelationship meets someone else's rename (revision +1) and answers 500 without
   * doing its own change; the SDK's retry then meets a stale revision. `raceNextUpdate()` arms it again. */
  raceNextUpdate?: boolean;
  /** A second PENDING handshake of one type about one relationship is created, not refused with 409: the model
   * promises no such refusal, so a client that retries blindly would leave two requests with the customer. */
  duplicateHandshakes?: boolean;
  /** A clientToken used again with a different request answers the first answer again instead of 409 (some
   * services compare only the token): the caller cannot tell a replay of another's request from its own. */
  replayMismatchedTokens?: boolean;
}

/** The display name "someone else" gives a relationship in the one-shot race. */
export const RACE_DISPLAY_NAME = 'Renamed in the console';

/** The envelope while the emulator runs: the options and what they need to remember. */
export interface Envelope extends Readonly<Omit<EnvelopeOptions, 'raceNextUpdate'>> {
  /** Relationship id → the time (ms) from which Get and List show it. */
  readonly visibleFrom: Map<string, number>;
  raceArmed: boolean;
}

export function createEnvelope(options: EnvelopeOptions = {}): Envelope {
  for (const name of ['visibilityDelayMs', 'clientTokenTtlMs'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a number of at least 0`);
  }
  return {
    omitOptionalMembers: options.omitOptionalMembers,
    visibilityDelayMs: options.visibilityDelayMs,
    clientTokenTtlMs: options.clientTokenTtlMs,
    tagWritesBumpRevision: options.tagWritesBumpRevision,
    shortPages: options.shortPages,
    duplicateHandshakes: options.duplicateHandshakes,
    replayMismatchedTokens: options.replayMismatchedTokens,
    visibleFrom: new Map(),
    raceArmed: options.raceNextUpdate === true,
  };
}

/** Whether Get and List may show this relationship yet. */
export function isVisible(envelope: Envelope, id: string, now = Date.now()): boolean {
  const from = envelope.visibleFrom.get(id);
  if (from === undefined) return true;
  if (now < from) return false;
  envelope.visibleFrom.delete(id);
  return true;
}

/** A new relationship: hidden from Get and List for the visibility delay. */
export function noteCreated(envelope: Envelope, id: string, now = Date.now()): void {
  if (envelope.visibilityDelayMs) envelope.visibleFrom.set(id, now + envelope.visibilityDelayMs);
}

const LEFT_OUT = { summary: ['catalog', 'sector', 'startDate'], detail: ['catalog', 'startDate'] } as const;

/** The answer's members, without those the model's examples leave out when `omitOptionalMembers` is on. */
export function asServed(envelope: Envelope, view: keyof typeof LEFT_OUT, members: Record<string, unknown>): Record<string, unknown> {
  if (!envelope.omitOptionalMembers) return members;
  const left: readonly string[] = LEFT_OUT[view];
  return Object.fromEntries(Object.entries(members).filter(([key]) => !left.includes(key)));
}
