import type { CreateRelationshipRequest, ListRelationshipsFilter, LiveRelationship, RelationshipRef, UpdateRelationshipRequest } from '../../live/channel-api.js';

/** The relationships' operations of the ChannelApi port (src/live/channel-api.ts); sdk-relationship-api.ts implements them. */
export interface RelationshipApi {
  /** Every page (maxResults 100). Items lacking `programManagementAccountId` need a filter naming one PMA. */
  listRelationships(filter: ListRelationshipsFilter): Promise<LiveRelationship[]>;
  getRelationship(ref: RelationshipRef): Promise<LiveRelationship>;
  /** The new relationship's id and ARN, each absent when the answer lacks it (both optional in the model). */
  createRelationship(request: CreateRelationshipRequest): Promise<{ id?: string; arn?: string }>;
  /** Returns the new revision. */
  updateRelationship(request: UpdateRelationshipRequest): Promise<{ revision?: string }>;
  deleteRelationship(ref: RelationshipRef & { clientToken?: string }): Promise<void>;
}
