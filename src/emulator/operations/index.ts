/**
 * The operation table: every operation of the service model, each with its documented rate quota.
 */
import type { OperationHandler } from './context.js';
import { acceptChannelHandshake, cancelChannelHandshake, createChannelHandshake, rejectChannelHandshake } from './handshakes.js';
import { listChannelHandshakes } from './list-handshakes.js';
import { listRelationships } from './list-relationships.js';
import { createProgramManagementAccount, deleteProgramManagementAccount, listProgramManagementAccounts, updateProgramManagementAccount } from './pmas.js';
import { createRelationship, deleteRelationship, getRelationship, updateRelationship } from './relationships.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

export interface OperationSpec {
  handler: OperationHandler;
  /** Changes state: the one kind of call whose lost response ("commit then drop") matters. */
  mutating: boolean;
  /** Requests per second per account (documented for relationships; assumed for tags and PMAs). */
  ratePerSecond: number;
}

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  CreateRelationship: { handler: createRelationship, mutating: true, ratePerSecond: 3 },
  GetRelationship: { handler: getRelationship, mutating: false, ratePerSecond: 5 },
  UpdateRelationship: { handler: updateRelationship, mutating: true, ratePerSecond: 3 },
  DeleteRelationship: { handler: deleteRelationship, mutating: true, ratePerSecond: 3 },
  ListRelationships: { handler: listRelationships, mutating: false, ratePerSecond: 5 },
  ListTagsForResource: { handler: listTagsForResource, mutating: false, ratePerSecond: 5 },
  TagResource: { handler: tagResource, mutating: true, ratePerSecond: 3 },
  UntagResource: { handler: untagResource, mutating: true, ratePerSecond: 3 },
  ListProgramManagementAccounts: { handler: listProgramManagementAccounts, mutating: false, ratePerSecond: 5 },
  CreateProgramManagementAccount: { handler: createProgramManagementAccount, mutating: true, ratePerSecond: 3 },
  UpdateProgramManagementAccount: { handler: updateProgramManagementAccount, mutating: true, ratePerSecond: 3 },
  DeleteProgramManagementAccount: { handler: deleteProgramManagementAccount, mutating: true, ratePerSecond: 3 },
  CreateChannelHandshake: { handler: createChannelHandshake, mutating: true, ratePerSecond: 3 },
  ListChannelHandshakes: { handler: listChannelHandshakes, mutating: false, ratePerSecond: 5 },
  CancelChannelHandshake: { handler: cancelChannelHandshake, mutating: true, ratePerSecond: 3 },
  AcceptChannelHandshake: { handler: acceptChannelHandshake, mutating: true, ratePerSecond: 3 },
  RejectChannelHandshake: { handler: rejectChannelHandshake, mutating: true, ratePerSecond: 3 },
};

export const SERVICE_TARGET_PREFIX = 'PartnerCentralChannel';
