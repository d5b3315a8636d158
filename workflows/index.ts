// Every workflow type the worker runs. Workflow code is bundled for Temporal's deterministic
// sandbox: it imports only domain/, message definitions and the Temporal workflow API.
export { observationPeriod } from './observationPeriod';
export { penaltyRecord } from './penaltyRecord';
export { publicInterestService } from './publicInterestService';
export { rectification } from './rectification';
export { whitelistExpiry } from './supervision/whitelistExpiry';
export { supervisionListCalendar } from './supervision/supervisionListCalendar';
export { objection } from './objection';
export { creditSync } from './creditSync';
export { documentService } from './documentService';
export { notificationDelivery } from './notificationDelivery';
