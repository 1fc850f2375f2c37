/**
 * The HTTP side: AWS JSON 1.0 over node:http. `POST /` with `X-Amz-Target: PartnerCentralChannel.<Op>`;
 * answers `application/x-amz-json-1.0`, errors with the modelled status, `__type` and `x-amzn-errortype`.
 * Each request goes: route → count → expired credentials → deny → rate limit → latency → injected fault → validate → handle →
 * answer (or, for "commit then drop", destroy the connection after handling).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { accessDenied, expiredToken, internalError, serializationError, ServiceError, throttled, unknownOperation, validationError } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { OperationContext } from './operations/context.js';
import { OPERATIONS, SERVICE_TARGET_PREFIX } from './operations/index.js';
import type { RateLimiter } from './rate-limit.js';
import { INPUT_SHAPES } from './shapes.js';
import { bump, type EmulatorStats } from './stats.js';
import { validateInput } from './validate-input.js';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** On every answer: this endpoint is the pcc emulator (EMULATOR.md). */
const EMULATOR_HEADER = 'x-pcc-emulator';
const MAX_BODY_BYTES = 1024 * 1024;
/** Nesting no request of the model comes near (its deepest is 4); deeper bodies are refused before parsing. */
const MAX_BODY_DEPTH = 64;

/** One line of the request log (`onRequest`). `operation` is a modelled operation name or `unknown`. */
export interface RequestLogEntry {
  operation: string;
  status: number;
  errorType?: string;
  /** The response was replaced by a destroyed connection. */
  dropped?: boolean;
  /** The request body as received (JSON text), when one was read: for tests that compare what was sent. */
  body?: string;
}

export interface ServerSettings {
  context: OperationContext;
  stats: EmulatorStats;
  faults: FaultInjector;
  rateLimiter?: RateLimiter;
  latencyMs: number;
  deny: ReadonlySet<string>;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Resolves once every change so far is on disk (`--data`): awaited before any answer is sent. */
  durable?: () => Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
  errorType?: string;
  drop?: boolean;
}

export function createEmulatorServer(settings: ServerSettings): Server {
  return createServer((req, res) => {
    void handleRequest(settings, req, res);
  });
}

async function handleRequest(settings: ServerSettings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let operation = 'unknown';
  let answer: Answer;
  let body: string | undefined;
  try {
    body = await readBody(req);
    const target = headerOf(req, 'x-amz-target');
    operation = operationOf(target) ?? 'unknown';
    if (req.method !== 'POST' || operation === 'unknown') throw unknownOperation(target);
    answer = await answerOperation(settings, operation, body, callerAccountOf(headerOf(req, 'authorization'), settings.context.state.accountId));
  } catch (error) {
    answer = errorAnswer(error);
  }
  // An answer reports what is done: with --data, not before it is on disk (a crash after it loses nothing).
  if (settings.durable) {
    try {
      await settings.durable();
    } catch (error) {
      answer = errorAnswer(internalError(`The emulator could not save its state: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  if (answer.errorType) bump(settings.stats.errors, answer.errorType);
  settings.onRequest?.({
    operation,
    status: answer.status,
    ...(answer.errorType && { errorType: answer.errorType }),
    ...(answer.drop && { dropped: true }),
    ...(body !== undefined && { body }),
  });
  if (answer.drop) {
    req.socket.destroy();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    // Says who answered: pcc's own commands then give advice for a rehearsal, not for an AWS account.
    [EMULATOR_HEADER]: 'pcc',
    ...(answer.errorType && { 'x-amzn-errortype': answer.errorType }),
  });
  res.end(payload);
}

/** The modelled operation named by the target header, or undefined for anything else. */
function operationOf(target: string | undefined): string | undefined {
  const [prefix, name, ...rest] = (target ?? '').split('.');
  if (prefix !== SERVICE_TARGET_PREFIX || name === undefined || rest.length > 0) return undefined;
  // Own names only: `toString` or `__proto__` are no operations, whatever Object.prototype holds.
  return Object.hasOwn(OPERATIONS, name) ? name : undefined;
}

/**
 * The account a request acts as: an access key id ending in 12 digits (e.g. `AKIA111122223333`) names it, so
 * tests can act as a customer's account; any other key (`emulator`) is the emulator's own account.
 */
function callerAccountOf(authorization: string | undefined, ownAccountId: string): string {
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? '';
  return /([0-9]{12})$/.exec(accessKeyId)?.[1] ?? ownAccountId;
}

async function answerOperation(settings: ServerSettings, operation: string, rawBody: string, callerAccountId: string): Promise<Answer> {
  const { stats } = settings;
  bump(stats.calls, operation);
  const spec = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!spec) throw internalError(`No handler for ${operation}.`);
  if (settings.faults.credentialsExpired()) throw expiredToken();
  if (settings.deny.has(operation)) throw accessDenied(operation);
  if (settings.rateLimiter && !settings.rateLimiter.tryTake(operation)) {
    countThrottle(stats, operation);
    throw throttled(operation, `${operation}-requests-per-second`);
  }
  if (settings.latencyMs > 0) await sleep(settings.latencyMs);
  const fault = settings.faults.decide(operation);
  if (fault) {
    stats.faults++;
    stats.injected[fault]++;
  }
  if (fault === 'internalError') throw internalError();
  if (fault === 'throttle') {
    countThrottle(stats, operation);
    throw throttled(operation, `${operation}-requests-per-second`);
  }
  let answer: Answer;
  try {
    const input = readInput(rawBody, operation);
    answer = { status: 200, body: spec.handler(input, settings.context, callerAccountId) };
  } catch (error) {
    answer = errorAnswer(error);
  }
  return fault === 'dropAfterCommit' ? { ...answer, drop: true } : answer;
}

function countThrottle(stats: EmulatorStats, operation: string): void {
  stats.throttled++;
  bump(stats.throttledByOperation, operation);
}

function errorAnswer(error: unknown): Answer {
  const failure = error instanceof ServiceError ? error : internalError(`The emulator failed: ${error instanceof Error ? error.message : String(error)}`);
  return {
    status: failure.status,
    errorType: failure.type,
    body: { __type: failure.qualifiedType, message: failure.message, ...failure.members },
  };
}

/**
 * The request body, parsed and checked against the operation's input shape. Whatever goes wrong here is the
 * request's fault, answered 400 (a 500 would make SDKs retry it): only a handler's own failure is a 500.
 */
function readInput(rawBody: string, operation: string): Record<string, unknown> {
  try {
    const input = parseJson(rawBody);
    validateInput(input, Object.hasOwn(INPUT_SHAPES, operation) ? (INPUT_SHAPES[operation] ?? EMPTY_SHAPE) : EMPTY_SHAPE);
    return input as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw validationError(`The request could not be read: ${error instanceof Error ? error.message : String(error)}`, []);
  }
}

const EMPTY_SHAPE = { type: 'structure', members: {} } as const;

function parseJson(body: string): unknown {
  // The SDK always sends a body; an empty one means "no members", as AWS treats it.
  if (body.trim() === '') return {};
  const depth = nestingDepth(body);
  if (depth > MAX_BODY_DEPTH) {
    throw validationError(`The request body nests ${depth} levels deep; at most ${MAX_BODY_DEPTH} are accepted.`, []);
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
}

/** The deepest nesting of arrays and objects in JSON text, in one pass without recursion (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(serializationError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
