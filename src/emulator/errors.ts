/**
 * Service errors as the AWS JSON 1.0 protocol carries them: an HTTP status, a `__type` and the modelled
 * members. Operations throw these; the server encodes them (server.ts). Shapes from the service model.
 */

const SERVICE_NAMESPACE = 'com.amazonaws.partnercentralchannel';
/** Coral's own namespace, used by AWS for protocol-level errors that the service model does not list. */
const CORAL_NAMESPACE = 'com.amazon.coral.service';

/** One entry of ValidationException.fieldList. */
export interface ValidationField {
  /** Path of the member, e.g. `requestedSupportPlan.resoldEnterprise.coverage` or `tags[2].key`. */
  name: string;
  code: ValidationCode;
  message: string;
}

/** Codes borrowed from the Partner Central Selling API's ValidationExceptionErrorCode (same family). */
type ValidationCode =
  'REQUIRED_FIELD_MISSING' | 'INVALID_ENUM_VALUE' | 'INVALID_STRING_FORMAT' | 'INVALID_VALUE' | 'TOO_MANY_VALUES' | 'VALUE_OUT_OF_RANGE' | 'ACTION_NOT_PERMITTED';

export type ResourceType = 'Relationship' | 'ProgramManagementAccount' | 'ChannelHandshake' | 'Resource';

/** A failure the emulator answers with; `members` are the error shape's members besides `message`. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly members: Record<string, unknown> = {},
    readonly namespace: string = SERVICE_NAMESPACE,
  ) {
    super(message);
  }

  /** The `__type` value: namespace-qualified, as AWS JSON 1.0 services send it. */
  get qualifiedType(): string {
    return `${this.namespace}#${this.type}`;
  }
}

export function validationError(
  message: string,
  fieldList: ValidationField[] = [],
  reason: 'REQUEST_VALIDATION_FAILED' | 'BUSINESS_VALIDATION_FAILED' = 'REQUEST_VALIDATION_FAILED',
): ServiceError {
  return new ServiceError('ValidationException', 400, message, fieldList.length > 0 ? { reason, fieldList } : { reason });
}

export function accessDenied(operation: string, reason = 'The emulator was started with this operation denied.'): ServiceError {
  return new ServiceError('AccessDeniedException', 403, `User is not authorized to perform: partnercentral:${operation}`, { reason });
}

/** What AWS answers a request signed with an expired session token (a common error of every AWS service). */
export function expiredToken(): ServiceError {
  return new ServiceError('ExpiredTokenException', 403, 'The security token included in the request is expired', {}, 'com.amazon.coral.service');
}

export function notFound(resourceType: ResourceType, resourceId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', 404, `${resourceType} ${resourceId} was not found.`, { resourceId, resourceType });
}

export function conflict(message: string, resourceType: ResourceType, resourceId: string): ServiceError {
  return new ServiceError('ConflictException', 409, message, { resourceId, resourceType });
}

export function quotaExceeded(message: string, quotaCode: string, resourceType: ResourceType, resourceId: string): ServiceError {
  return new ServiceError('ServiceQuotaExceededException', 402, message, { quotaCode, resourceId, resourceType });
}

export function throttled(operation: string, quotaCode: string): ServiceError {
  return new ServiceError('ThrottlingException', 429, `Rate exceeded for ${operation}.`, {
    serviceCode: 'partnercentral-channel',
    quotaCode,
  });
}

export function internalError(message = 'An internal error occurred (injected by the emulator).'): ServiceError {
  return new ServiceError('InternalServerException', 500, message);
}

export function unknownOperation(target: string | undefined): ServiceError {
  const message = target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header';
  return new ServiceError('UnknownOperationException', 400, message, {}, CORAL_NAMESPACE);
}

/** Malformed JSON, or a member of the wrong JSON type: AWS rejects these before validation. */
export function serializationError(message: string): ServiceError {
  return new ServiceError('SerializationException', 400, message, {}, CORAL_NAMESPACE);
}
