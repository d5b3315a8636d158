// The domain layer's public surface: pure rules and types, safe to import from workflow code
// (bundled into the Temporal sandbox), activities and the API alike.
export * from './calendar';
export * from './catalog';
export * from './creditFile';
export * from './creditRepair';
export * from './dispositions';
export * from './followUps';
export * from './legalReview';
export * from './documents';
export * from './lists';
export * from './observation';
export * from './policies';
export * from './publicInterestService';
export * from './rectification';
export * from './refusal';
export * from './repairService';
export * from './uscc';
export * from './vocabulary';
export * from './versioned';
export * from './inspection';
export * from './rating';
export * from './supervisionList';
export * from './objection';
