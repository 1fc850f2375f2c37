/**
 * A rehearsal's emulator creates the PMAs the files name by id; a declared PMA the files name by its name
 * (`programManagementAccount: pma-emea`, even one that starts like an id) is pcc's to create, never made up here.
 */
import { describe, expect, it } from 'vitest';
import { createPmasNamedByFiles } from '../../src/emulator/pmas-from-files.js';
import { EmulatorState } from '../../src/emulator/state.js';

describe('createPmasNamedByFiles', () => {
  it('creates the PMAs named by id, not those named by a declared name', () => {
    const state = new EmulatorState();
    const created = createPmasNamedByFiles(state, [
      { catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8' },
      { catalog: 'AWS', pmaId: 'pma-emea', programManagementAccount: 'pma-emea' },
      { catalog: 'AWS', pmaId: 'emea', programManagementAccount: 'emea' },
    ]);
    expect(created).toEqual(['AWS/pma-u8ic702rtzng8']);
    expect(state.getPma('pma-emea')).toBeUndefined();
  });
});
