// Every workflow type the worker runs. Workflow code is bundled for Temporal's deterministic
// sandbox: it imports only domain/, message definitions and the Temporal workflow API.
export { penaltyRecord } from './creditRepair';
export { observationPeriod } from './observationPeriod';
export { rectification } from './rectification';
