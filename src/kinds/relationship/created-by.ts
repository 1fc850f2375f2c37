/** Moved to src/model/created-by.ts: the PMA kind proves its creates the same way. */
export { createdBy, type CreatedBy } from '../../model/created-by.js';
