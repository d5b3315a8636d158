// Postgres read models and records. Workflows own process state; these tables are what the API
// lists and what auditors read. Every write comes from an idempotent activity or an API helper.
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Enterprises and individual businesses, keyed by their unified social credit code. */
export const enterprises = pgTable('enterprises', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['legal_person', 'individual'] }).notNull(),
  newBusinessModel: boolean('new_business_model').notNull().default(false),
  industry: text('industry'),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
});

/** Append-only trail of every state change: who, when, what, why. */
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

