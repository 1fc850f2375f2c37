/** The program management account kind: a ListProgramManagementAccounts item, declared under `programManagementAccounts:`; composes its facets. */
import type { ResourceKind } from '../resource-kind.js';
import { programManagementAccountApplier } from './applier.js';
import type { ProgramManagementAccountDesiredPart } from './desired-pma.js';
import { programManagementAccountImporter } from './importer.js';
import { programManagementAccountLoader } from './loader.js';
import type { ProgramManagementAccountPlanCounts, ProgramManagementAccountShapingValues } from './plan-parts.js';
import type { ProgramManagementAccountApi } from './pma-api.js';
import type { ProgramManagementAccountChange } from './pma-change.js';
import type { ProgramManagementAccountLiveState } from './pma-live-state.js';
import type { ProgramManagementAccountApplyCounts, ProgramManagementAccountOutcome } from './pma-outcome.js';
import { programManagementAccountPlanner } from './planner.js';
import type { ProgramManagementAccountRead, ProgramManagementAccountReadOptions } from './read-pmas.js';
import { programManagementAccountReader } from './reader.js';
import { programManagementAccountWords } from './words.js';

export const programManagementAccountKind = {
  name: 'programManagementAccount',
  loader: programManagementAccountLoader,
  planner: programManagementAccountPlanner,
  reader: programManagementAccountReader,
  applier: programManagementAccountApplier,
  words: programManagementAccountWords,
  importer: programManagementAccountImporter,
} as const satisfies ResourceKind<ProgramManagementAccountChange, ProgramManagementAccountOutcome>;

/** The types this kind brings to the engines; the registry derives the engines' unions and intersections from them. */
export interface ProgramManagementAccountKindTypes {
  change: ProgramManagementAccountChange;
  outcome: ProgramManagementAccountOutcome;
  desiredPart: ProgramManagementAccountDesiredPart;
  shapingValues: ProgramManagementAccountShapingValues;
  liveState: ProgramManagementAccountLiveState;
  read: ProgramManagementAccountRead;
  readOptions: ProgramManagementAccountReadOptions;
  api: ProgramManagementAccountApi;
  planCounts: ProgramManagementAccountPlanCounts;
  applyCounts: ProgramManagementAccountApplyCounts;
}
