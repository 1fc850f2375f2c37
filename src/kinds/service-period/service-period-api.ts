import type { CreateServicePeriodRequest, HandshakeQuery, LiveServicePeriodHandshake } from '../../live/channel-api.js';

/** The service periods' operations of the ChannelApi port (src/live/channel-api.ts); sdk-service-period-api.ts implements them. */
export interface ServicePeriodApi {
  /**
   * Every handshake of `query.handshakeType` (default START_SERVICE_PERIOD) this account sent about these
   * relationships (`'all'`: about any), with one of `query.statuses` (default any); all pages.
   */
  listServicePeriodHandshakes(catalog: string, relationshipIds: readonly string[] | 'all', query?: HandshakeQuery): Promise<LiveServicePeriodHandshake[]>;
  /** CreateChannelHandshake (START_ or REVOKE_SERVICE_PERIOD): the new handshake's id, absent when the answer lacks it. */
  createServicePeriodHandshake(request: CreateServicePeriodRequest): Promise<{ id?: string }>;
  /** CancelChannelHandshake: withdraws a PENDING request this account sent. */
  cancelHandshake(catalog: string, handshakeId: string): Promise<void>;
}
