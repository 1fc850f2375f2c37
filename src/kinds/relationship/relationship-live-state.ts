import type { LiveRelationshipState } from '../../live/live-state.js';

/** The relationships' part of the live state (LiveState, src/live/live-state.ts); `live.json` fixtures spell it out. */
export interface RelationshipLiveState {
  /** Every relationship in the catalogs and PMAs the files name. */
  relationships: LiveRelationshipState[];
}
