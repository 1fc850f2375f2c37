import type { ChangeReasonCode } from '../../plan/change-reasons.js';
import type { FieldChange } from '../../plan/plan-types.js';

/**
 * Why a replace is planned, as a code and a sentence: which fields force it, and whether it will happen. A
 * relationship pcc does not manage is never deleted (SPEC "Ownership and state"), so its replace stays blocked
 * even with --allow-replace.
 */
export function replaceReason(forcing: readonly FieldChange[], context: { allowReplace: boolean; managed: boolean }): { reasonCode: ChangeReasonCode; reason: string } {
  const names = forcing.map((field) => field.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const cannot = `${list} cannot be changed in place`;
  if (!context.managed) {
    return {
      reasonCode: 'replace-blocked-unmanaged',
      reason: `${cannot}, and pcc never deletes a relationship it does not manage (no pcc:managed=true tag), even with --allow-replace: delete it by hand or change the file back`,
    };
  }
  if (!context.allowReplace) {
    return {
      reasonCode: 'replace-blocked-no-allow',
      reason: `${cannot}: re-run with --allow-replace to delete it and create it again (with a new id), or change the file back`,
    };
  }
  return { reasonCode: 'replace-allowed', reason: `${cannot}: the relationship is deleted and created again` };
}

/**
 * Why a replace that `--replace ADDRESS` asked for (no field forces it) is planned: allowed for a relationship pcc
 * manages, blocked for one it does not (never deleted).
 */
export function forcedReplaceReason(context: { managed: boolean }): { reasonCode: ChangeReasonCode; reason: string } {
  if (!context.managed) {
    return {
      reasonCode: 'replace-blocked-unmanaged',
      reason: '--replace asks to replace it, but pcc never deletes a relationship it does not manage (no pcc:managed=true tag): adopt it first, or delete it by hand',
    };
  }
  return { reasonCode: 'replace-requested', reason: '--replace asks for it: the relationship is deleted and created again (with a new id)' };
}
