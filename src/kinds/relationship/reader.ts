import type { KindReader } from '../../live/kind-reader.js';
import { readRelationships, type RelationshipRead } from './read-relationships.js';

/** How relationships are read: listed per PMA, their tags and, where needed, GetRelationship (with the refresh cache). */
export const relationshipReader: KindReader<RelationshipRead> = {
  read: readRelationships,
  sdkApi: async () => (await import('./sdk-relationship-api.js')).sdkRelationshipApi,
};
