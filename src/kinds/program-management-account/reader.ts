import type { KindReader } from '../../live/kind-reader.js';
import { readPmaState, type ProgramManagementAccountRead } from './read-pmas.js';

/** How PMAs are read: listed per catalog, their tags, and their handshakes. */
export const programManagementAccountReader: KindReader<ProgramManagementAccountRead> = {
  read: readPmaState,
  sdkApi: async () => (await import('./sdk-pma-api.js')).sdkPmaApi,
};
