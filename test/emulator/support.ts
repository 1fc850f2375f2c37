/**
 * Shared bits of the emulator contract tests: fixed ids, a valid CreateRelationship input, and raw HTTP
 * calls for what the SDK cannot send (bad types, unknown targets, members it would drop).
 */
import type { CreateRelationshipCommandInput } from '@aws-sdk/client-partnercentral-channel';

export const PMA_ID = 'pma-aaaaaaaaaaaa1';
export const OTHER_PMA_ID = 'pma-bbbbbbbbbbbb2';
export const ACCOUNT_ID = '123456789012';
export const PMA_ARN = `arn:aws:partnercentral:us-east-1:${ACCOUNT_ID}:catalog/AWS/program-management-account/${PMA_ID}`;

export function createInput(overrides: Partial<CreateRelationshipCommandInput> = {}): CreateRelationshipCommandInput {
  return {
    catalog: 'AWS',
    associationType: 'END_CUSTOMER',
    programManagementAccountIdentifier: PMA_ID,
    associatedAccountId: '111122223333',
    displayName: 'Acme Corp',
    sector: 'COMMERCIAL',
    resaleAccountModel: 'END_CUSTOMER',
    ...overrides,
  };
}

/** `n`-th 12-digit account id, for bulk seeding. */
export function accountNumber(n: number): string {
  return String(200000000000 + n);
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** POST / with the given target (none when undefined) and body (objects are JSON-encoded). */
export async function rawCall(endpoint: string, target: string | undefined, body: unknown, method = 'POST'): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['x-amz-target'] = target;
  const response = await fetch(`${endpoint}/`, {
    method,
    headers,
    ...(method === 'POST' && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Calls an operation by name with a raw JSON body. */
export function rawOperation(endpoint: string, operation: string, body: unknown): Promise<RawAnswer> {
  return rawCall(endpoint, `PartnerCentralChannel.${operation}`, body);
}

/** The rejection of `promise`, for asserting on error classes and members. */
export async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
