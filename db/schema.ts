// Postgres read models and records. Workflows own process state; these tables are what the API
// lists and what auditors read. Every write comes from an idempotent activity or an API helper.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ASSIGNEE_ROLES, CASE_TYPES, PROCESS_TYPES, TASK_SUBJECTS } from '../domain/vocabulary';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Enterprises and individual businesses, keyed by their unified social credit code. */
export const enterprises = pgTable('enterprises', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['legal_person', 'individual'] }).notNull(),
  newBusinessModel: boolean('new_business_model').notNull().default(false),
  industry: text('industry'),
  /** The day the enterprise was registered (成立日期), for its credit rating; unknown for older rows. */
  registeredOn: date('registered_on', { mode: 'string' }),

  /** Where the business's notifications are e-mailed (issue #18); none: the inbox only. */
  contactEmail: text('contact_email'),
  /** Where its notifications go by SMS, through the SMS adapter. */
  contactPhone: text('contact_phone'),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

/**
 * Append-only trail of every state change: who, when, what, why. The database refuses UPDATE,
 * DELETE and TRUNCATE, and its insert trigger chains every entry to the one before it by SHA-256
 * (see db/auditChain.ts and migration 0002_audit_chain), so an edit behind its back shows.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    requestId: text('request_id'),
    /** Set by workflow activities: a retried activity finds its entry already there. */
    eventKey: text('event_key').unique(),
    /** The previous entry's `hash` (null for the first entry): set by the insert trigger. */
    prevHash: text('prev_hash').unique(),
    /**
     * SHA-256 (hex) of the entry's canonical form, prevHash included: set by the insert trigger,
     * which replaces whatever the application sends (the placeholder only satisfies the types).
     */
    hash: text('hash')
      .notNull()
      .$defaultFn(() => ''),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at)],
);

/**
 * Responses to POSTs that carried an `Idempotency-Key`, per caller. A row with no status is a
 * request still in flight, so a concurrent retry is refused instead of applied twice.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** The catalog of enforcement matters (执法事项), seeded from domain/catalog.ts, edited by admins. */
export const matters = pgTable('matters', {
  code: text('code').primaryKey(),
  /** The matter as domain/catalog.ts types it (EnforcementMatter). */
  matter: jsonb('matter').notNull(),
  area: text('area').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Read model of every process instance (observation period, rectification, penalty record):
 * key columns for lists and statistics, and the full view the workflow last reported. `version`
 * only grows, so a late retry of an older projection never overwrites a newer one.
 */
export const processes = pgTable(
  'processes',
  {
    id: text('id').primaryKey(),
    processType: text('process_type', { enum: CASE_TYPES }).notNull(),
    /** The workflow run that owns the process (a business-keyed workflow id can be reused later). */
    workflowId: text('workflow_id').notNull(),
    runId: text('run_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    matterCode: text('matter_code'),
    status: text('status').notNull(),
    /** When the violation behind the process happened (rectification order date), for 首违不罚. */
    violationOn: date('violation_on', { mode: 'string' }),
    version: integer('version').notNull(),
    view: jsonb('view').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('processes_enterprise_idx').on(t.enterpriseId, t.processType),
    index('processes_matter_idx').on(t.enterpriseId, t.matterCode),
  ],
);

/** Evidence file metadata; the bytes live in the evidence store, addressed by their SHA-256. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: text('id').primaryKey(),
    processId: text('process_id').notNull(),
    round: integer('round').notNull(),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('evidence_files_process_idx').on(t.processId, t.round)],
);

/** The enterprise credit file (诚信档案): one entry per outcome, in date order. */
export const creditFileEntries = pgTable(
  'credit_file_entries',
  {
    key: text('key').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    processType: text('process_type', { enum: PROCESS_TYPES }).notNull(),
    processId: text('process_id').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details'),
    /**
     * Whether the entry counts against the enterprise (domain/creditFile.ts). A writer that leaves
     * it out (a worker older than migration 0004) gets the database's classification, the same table.
     */
    adverse: boolean('adverse').notNull(),
    recordedAt: createdAt(),
    /** Graded supervision: an objection (异议) is pending against the entry. */
    disputed: boolean('disputed'),
    /** The entry's text before an objection corrected it. */
    originalSummary: text('original_summary'),
    /** When an objection removed the entry: kept, but no longer in the file nor counted. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [index('credit_file_enterprise_idx').on(t.enterpriseId, t.occurredOn)],
);

/** Notifications waiting for a channel (the outbox pattern): the default Notifier writes here. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    key: text('key').primaryKey(),
    recipientRole: text('recipient_role', { enum: ASSIGNEE_ROLES }).notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    processId: text('process_id').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    payload: jsonb('payload'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_unsent_idx')
      .on(t.createdAt)
      .where(sql`sent_at is null`),
  ],
);

/** Pending human steps of every process: what `GET /tasks` lists. Opened and closed by workflows. */
export const tasks = pgTable(
  'tasks',
  {
    key: text('key').primaryKey(),
    processType: text('process_type', { enum: TASK_SUBJECTS }).notNull(),
    processId: text('process_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    assigneeRole: text('assignee_role', { enum: ASSIGNEE_ROLES }).notNull(),
    step: text('step').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    overdue: boolean('overdue').notNull().default(false),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('tasks_open_due_idx')
      .on(t.assigneeRole, t.agency, t.dueOn)
      .where(sql`closed_at is null`),
    // Credit staff see their tasks across agencies: by role and due date, without the agency.
    index('tasks_open_role_due_idx')
      .on(t.assigneeRole, t.dueOn)
      .where(sql`closed_at is null`),
    index('tasks_open_enterprise_idx')
      .on(t.enterpriseId, t.dueOn)
      .where(sql`closed_at is null`),
    index('tasks_process_idx').on(t.processId),
  ],
);

/**
 * Repairs to synchronise to other publication platforms (信用中国, the provincial platform, ...):
 * one row per platform, due within N working days of the repair.
 */
export const repairSyncLedger = pgTable(
  'repair_sync_ledger',
  {
    key: text('key').primaryKey(),
    penaltyRecordId: text('penalty_record_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    platform: text('platform').notNull(),
    action: text('action', { enum: ['withdraw', 'restore'] }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    // Delivery to CREDIT_SYNC_URL (issue #18): attempts so far, the last one's error, and when the
    // retries were spent (failed until credit staff retry it).
    attempts: integer('attempts'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('repair_sync_ledger_pending_idx')
      .on(t.dueOn)
      .where(sql`synced_at is null`),
  ],
);

/**
 * Agencies (执法机关): a jurisdiction's enforcement department, whose officers' tokens and cases name
 * it. Registered by admins, or on first use from a token or a case (with its id as name), so that
 * tokens and cases older than this table keep working; two example agencies are seeded.
 */
export const agencies = pgTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Used in document numbers, e.g. 盘市监 in 盘市监柔〔2026〕0001号. */
  shortName: text('short_name').notNull(),
  region: text('region'),
  origin: text('origin', { enum: ['admin', 'first_use', 'example'] }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An agency's policy versions (domain/policies.ts), each in force from its day until a later one
 * (domain/versioned.ts). `settings` holds every setting as it was stored, never a partial override.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    agency: text('agency')
      .notNull()
      .references(() => agencies.id),
    revision: integer('revision').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    settings: jsonb('settings').notNull(),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.revision] })],
);

/**
 * Changes to an agency's lists (domain/lists.ts): one row per change to one matter, in force from
 * its day until a later one. Kept for good: the history is public (GET /public/v1/lists/changes).
 */
export const agencyListEntries = pgTable(
  'agency_list_entries',
  {
    agency: text('agency')
      .notNull()
      .references(() => agencies.id),
    matterCode: text('matter_code')
      .notNull()
      .references(() => matters.code),
    revision: integer('revision').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    lists: jsonb('lists').notNull(),
    benchmark: jsonb('benchmark'),
    /** false: not excluded; an exclusion ground; null: as the catalog says. */
    excluded: jsonb('excluded'),
    reason: text('reason').notNull(),
    author: text('author').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agency, t.matterCode, t.revision] }),
    index('agency_list_entries_by_day_idx').on(t.agency, t.effectiveFrom),
  ],
);

// ---------------------------------------------------------------------------------------------
// Graded supervision (分级分类监管, issue #19): credit ratings, inspections, the whitelist and the
// yearly graded lists. See docs/supervision.md.
// ---------------------------------------------------------------------------------------------

/**
 * Every credit rating an enterprise was given (domain/rating.ts), newest last: a row whenever a
 * change to its credit file changes its grade or reasons, written in the transaction that writes
 * the entry, under the policy of the agency whose case changed the file (`agency`, null: default).
 */
export const creditRatings = pgTable(
  'credit_ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] }).notNull(),
    reasons: jsonb('reasons').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    policyVersion: text('policy_version').notNull(),
    /** The credit-file entry (or other change) that led to this rating. */
    cause: text('cause').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('credit_ratings_enterprise_idx').on(t.enterpriseId, t.id)],
);

/** Inspections (检查): routine (双随机, planned) or triggered, planned then done. */
export const inspections = pgTable(
  'inspections',
  {
    id: text('id').primaryKey(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency').notNull(),
    kind: text('kind', { enum: ['routine', 'triggered'] }).notNull(),
    /** Triggered only: {type, ref}. */
    trigger: jsonb('trigger'),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    matters: jsonb('matters').notNull(),
    status: text('status', { enum: ['planned', 'done'] }).notNull(),
    /** A joint visit (进一次门、查多项事): the other agency's inspection this one joins. */
    jointWith: text('joint_with'),
    /** The rectification the officer opened on violations found. */
    rectificationId: text('rectification_id'),
    /** The grade and cap the plan was checked against, and where they came from. */
    capCheck: jsonb('cap_check'),
    doneOn: date('done_on', { mode: 'string' }),
    findings: text('findings'),
    outcome: text('outcome', { enum: ['compliant', 'violations_found'] }),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    resultBy: text('result_by'),
  },
  (t) => [index('inspections_enterprise_idx').on(t.enterpriseId, t.plannedOn)],
);

/** An agency's whitelist (白名单, Changning item 12): key enterprises, with reason and end date. */
export const whitelistEntries = pgTable(
  'whitelist_entries',
  {
    id: text('id').primaryKey(),
    agency: text('agency').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    reason: text('reason').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    /** Set once: 'removed' by a person with a reason, or 'expired' by the entry's timer. */
    endedAs: text('ended_as', { enum: ['removed', 'expired'] }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: text('ended_by'),
    endReason: text('end_reason'),
  },
  (t) => [index('whitelist_agency_idx').on(t.agency, t.enterpriseId)],
);

/** The graded list (分级分类名单) an agency fixes each January from last year's grades: a snapshot, kept. */
export const supervisionLists = pgTable(
  'supervision_lists',
  {
    agency: text('agency').notNull(),
    year: integer('year').notNull(),
    /** [{enterpriseId, grade, whitelisted, cap}] */
    entries: jsonb('entries').notNull(),
    fixedOn: date('fixed_on', { mode: 'string' }).notNull(),
    fixedBy: text('fixed_by').notNull(),
    /** 'admin', or 'automatic' when nobody fixed it by January 31. */
    fixedHow: text('fixed_how', { enum: ['admin', 'automatic'] }).notNull(),
    late: boolean('late').notNull().default(false),
    reason: text('reason'),
    policyVersion: text('policy_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.year] })],
);

// --- after the decision (issue #20): follow-up visits (回访) --------------------------------------

/**
 * The register of follow-up visits (回访台账, Changning item 5; Tongliao's 康复式回访): one row per
 * decision that calls for a visit, written when the decision is recorded, completed when the
 * officer records the visit with the party's opinion. `key` derives from the decision's
 * credit-file entry (or the rectification's acceptance), so a retried recording writes it once.
 */
export const followUpVisits = pgTable(
  'follow_up_visits',
  {
    key: text('key').primaryKey(),
    processType: text('process_type', { enum: PROCESS_TYPES }).notNull(),
    processId: text('process_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    /** What was decided: the credit-file kind of the outcome (e.g. observation_passed, offset_completed). */
    decision: text('decision').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }),
    corrected: boolean('corrected'),
    opinion: text('opinion', { enum: ['satisfied', 'neutral', 'dissatisfied'] }),
    comments: text('comments'),
    note: text('note'),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [
    index('follow_up_visits_process_idx').on(t.processId),
    index('follow_up_visits_agency_due_idx').on(t.agency, t.dueOn),
  ],
);

// --- after the decision (issue #20): the proactive repair service (主动信用修复, Nanhu) -------------

/**
 * Credit staff's visits to enterprises whose penalty record became repair-eligible (三员走访): one
 * row per eligibility, written with it, completed when the visit is recorded with its outcome.
 */
export const repairVisits = pgTable(
  'repair_visits',
  {
    key: text('key').primaryKey(),
    penaltyRecordId: text('penalty_record_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    eligibleOn: date('eligible_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    visitedOn: date('visited_on', { mode: 'string' }),
    outcome: text('outcome'),
    note: text('note'),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [index('repair_visits_record_idx').on(t.penaltyRecordId)],
);

// ---------------------------------------------------------------------------------------------
// Documents and service (文书与送达), notifications and credit-platform sync (issue #18)
// ---------------------------------------------------------------------------------------------

/**
 * The last number issued per agency, kind and year. The issuing transaction increments its row
 * (an upsert, which locks it until commit), so numbers are consecutive with no gap or repeat across
 * any number of worker processes: a transaction that fails gives its number back by rolling back.
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    /** The case's agency, '' for a case without one. */
    agency: text('agency').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.kind, t.year] })],
);

/**
 * Documents issued by cases. A row is numbered in the transaction that creates it; its PDF (in the
 * content-addressed store under DATA_DIR/documents) is rendered from the row and its SHA-256 set
 * once. `issueKey` (the case, the recorded change and the kind) makes issuing idempotent.
 */
export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    issueKey: text('issue_key').notNull().unique(),
    processType: text('process_type', { enum: CASE_TYPES }).notNull(),
    processId: text('process_id').notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    /** The case's agency, '' for a case without one (numbered like the counter's row). */
    agency: text('agency').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    title: text('title').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    verificationCode: text('verification_code').notNull().unique(),
    /** Everything the PDF shows, so that it can be rendered again to the same bytes. */
    content: jsonb('content').notNull(),
    sha256: text('sha256'),
    size: integer('size'),
    /** When the business must have acknowledged it, else an officer serves it another way; none for its own commitment. */
    serviceDueOn: date('service_due_on', { mode: 'string' }),
    servedAt: timestamp('served_at', { withTimezone: true }),
    servedOn: date('served_on', { mode: 'string' }),
    servedBy: text('served_by', { enum: ['electronic', 'in_person', 'post', 'announcement'] }),
    serviceNote: text('service_note'),
    serviceRecordedBy: text('service_recorded_by'),
  },
  (t) => [
    index('documents_process_idx').on(t.processId, t.issuedAt),
    // What the counter promises, held by the database too: never one number twice.
    uniqueIndex('documents_number_idx').on(t.agency, t.kind, t.year, t.seq),
  ],
);

/**
 * The inbox (GET /notifications): each outbox notification once delivered, shown to every user of
 * its recipient role within its reach (a business's users, an agency's officers, credit staff).
 * `id` derives from the outbox key, so a repeated delivery finds its row.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    outboxKey: text('outbox_key').notNull().unique(),
    recipientRole: text('recipient_role', { enum: ASSIGNEE_ROLES }).notNull(),
    enterpriseId: text('enterprise_id').notNull(),
    agency: text('agency'),
    processType: text('process_type'),
    processId: text('process_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_role_agency_idx').on(t.recipientRole, t.agency, t.createdAt),
    index('notifications_enterprise_idx').on(t.enterpriseId, t.recipientRole, t.createdAt),
  ],
);

/** Read marks: who (role and subject) read which notification, when. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: text('notification_id')
      .notNull()
      .references(() => notifications.id),
    reader: text('reader').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.reader] })],
);
