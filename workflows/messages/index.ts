// Messages shared by the workflows and the API: each update, query and payload type is defined
// once, so the two sides cannot disagree on a name or a field. One module per process.
export * from './common';
export * from './penaltyRecord';
export * from './observationPeriod';
export * from './rectification';
export * from './objection';
export * from './publicInterestService';
export * from './legalReview';
