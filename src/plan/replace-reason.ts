import type { FieldChange } from './plan-types.js';

/**
 * The sentence a replace carries: which fields force it, and whether it will happen. A relationship pcc does
 * not manage is never deleted (SPEC "Ownership and state"), so its replace stays blocked even with --allow-replace.
 */
export function replaceReason(forcing: readonly FieldChange[], context: { allowReplace: boolean; managed: boolean }): string {
  const names = forcing.map((field) => field.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const cannot = `${list} cannot be changed in place`;
  if (!context.managed) {
    return `${cannot}, and pcc never deletes a relationship it does not manage (no pcc:managed tag), even with --allow-replace: delete it by hand or change the file back`;
  }
  if (!context.allowReplace) return `${cannot}: re-run with --allow-replace to delete it and create it again (with a new id), or change the file back`;
  return `${cannot}: the relationship is deleted and created again`;
}
