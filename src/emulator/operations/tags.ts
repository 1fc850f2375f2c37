/**
 * ListTagsForResource, TagResource, UntagResource on PMA and relationship ARNs. Tag changes do not bump a
 * relationship's revision or updatedAt unless `tagWritesBumpRevision` (real AWS: undocumented).
 * Channel-handshake ARNs pass validation but are never found (handshakes are not emulated).
 */
import { notFound } from '../errors.js';
import type { PmaRecord, RelationshipRecord } from '../state-records.js';
import type { OperationContext, OperationHandler } from './context.js';
import { checkUntagKeys, mergeTags, toWireTags, type WireTag } from './tag-list.js';

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
  tagsChanged(ctx, resource);
  return {};
};

export const untagResource: OperationHandler = (input, ctx) => {
  const resource = findResource(ctx, input.resourceArn as string);
  const keys = input.tagKeys as string[];
  checkUntagKeys(keys);
  // Removing a key that is not there is not an error, as in other AWS tagging APIs.
  for (const key of keys) delete resource.tags[key];
  tagsChanged(ctx, resource);
  return {};
};

/** With `tagWritesBumpRevision`, a relationship's tag write counts as a change of the relationship. */
function tagsChanged(ctx: OperationContext, resource: PmaRecord | RelationshipRecord): void {
  if (ctx.settings.envelope.tagWritesBumpRevision && resource.id.startsWith('rs-')) ctx.state.touch(resource);
  else ctx.state.changed();
}
