// Every workflow type the worker runs. Workflow code is bundled for Temporal's deterministic
// sandbox: it imports only domain/, message definitions and the Temporal workflow API.
export { observationPeriod } from './observationPeriod';
export { penaltyRecord } from './penaltyRecord';
export { rectification } from './rectification';
export { creditSync } from './creditSync';
export { documentService } from './documentService';
