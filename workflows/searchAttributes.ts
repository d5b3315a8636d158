// Custom search attributes every process workflow keeps current, so operators can filter cases in
// the Temporal Web UI. Opaque ids only: search attributes are never encrypted.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const EnterpriseId = defineSearchAttributeKey('EnterpriseId', SearchAttributeType.KEYWORD);
export const ProcessType = defineSearchAttributeKey('ProcessType', SearchAttributeType.KEYWORD);
export const ProcessStatus = defineSearchAttributeKey('ProcessStatus', SearchAttributeType.KEYWORD);
export const NextDueAt = defineSearchAttributeKey('NextDueAt', SearchAttributeType.DATETIME);
export const Agency = defineSearchAttributeKey('Agency', SearchAttributeType.KEYWORD);

export const searchAttributeKeys = [EnterpriseId, ProcessType, ProcessStatus, NextDueAt, Agency];
