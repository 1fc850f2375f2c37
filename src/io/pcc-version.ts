/** pcc's own version: inlined in the action's bundle, read from package.json in the npm package. */
import { readShippedFile } from './shipped-files.js';

export function pccVersion(): string {
  if (typeof __PCC_BUNDLED_VERSION__ === 'string') return __PCC_BUNDLED_VERSION__;
  return (JSON.parse(readShippedFile('package.json')) as { version: string }).version;
}
