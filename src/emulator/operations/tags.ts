/**
 * ListTagsForResource, TagResource, UntagResource on PMA and relationship ARNs. Tag changes do not bump a
 * relationship's revision or updatedAt (real AWS: undocumented; tags are not part of RelationshipDetail).
 * Channel-handshake ARNs pass validation but are never found (handshakes are not emulated).
 */
import { notFound } from '../errors.js';
import type { PmaRecord, RelationshipRecord } from '../state-records.js';
import type { OperationContext, OperationHandler } from './context.js';
import { mergeTags, toWireTags, type WireTag } from './tag-list.js';

function findResource(ctx: OperationContext, arn: string): PmaRecord | RelationshipRecord {
  const resource = ctx.state.resourceByArn(arn);
  if (resource) return resource;
  throw notFound(arn.includes('/relationship/') ? 'Relationship' : arn.includes('/channel-handshake/') ? 'Resource' : 'ProgramManagementAccount', arn);
}

export const listTagsForResource: OperationHandler = (input, ctx) => ({
  tags: toWireTags(findResource(ctx, input.resourceArn as string).tags),
});

export const tagResource: OperationHandler = (input, ctx) => {
  const resource = findResource(ctx, input.resourceArn as string);
  resource.tags = mergeTags(input.tags as WireTag[], resource.tags);
  ctx.state.changed();
  return {};
};

export const untagResource: OperationHandler = (input, ctx) => {
  const resource = findResource(ctx, input.resourceArn as string);
  // Removing a key that is not there is not an error, as in other AWS tagging APIs.
  for (const key of input.tagKeys as string[]) delete resource.tags[key];
  ctx.state.changed();
  return {};
};
