// The words every layer shares, defined once: the kinds of process, the roles of the people who act
// on them, and who a human step can wait for. Route schemas, database enums, permissions and the
// workflows all derive from these lists, so a new process or role is added in one place.

/** The kinds of case (one workflow type each). */
export const PROCESS_TYPES = ['observation_period', 'rectification', 'penalty_record', 'offset'] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];
export const isProcessType = (type: string): type is ProcessType => (PROCESS_TYPES as readonly string[]).includes(type);

/** Who signs in, as the `role` claim of a token names them. */
export const ROLES = ['officer', 'business', 'credit_staff', 'auditor', 'admin', 'legal_reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a human step can wait for: they own tasks. */
export const ASSIGNEE_ROLES = ['officer', 'business', 'credit_staff', 'legal_reviewer'] as const satisfies readonly Role[];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

/**
 * Every kind of workflow-run case: the enforcement processes, and objections to credit-file entries
 * (graded supervision, docs/supervision.md), which statistics of enforcement do not count.
 */
export const CASE_TYPES = [...PROCESS_TYPES, 'objection'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** What a task can belong to: a case, or a supervision record that is not a workflow (an inspection). */
export const TASK_SUBJECTS = [...CASE_TYPES, 'inspection'] as const;
export type TaskSubject = (typeof TASK_SUBJECTS)[number];

/** Where the API serves each kind of case, e.g. `/rectifications/{id}`. */
const PROCESS_RESOURCES: Readonly<Record<CaseType, string>> = {
  observation_period: 'observation-periods',
  rectification: 'rectifications',
  penalty_record: 'penalty-records',
  offset: 'offsets',
  objection: 'objections',
};
export const resourceOf = (type: CaseType): string => PROCESS_RESOURCES[type];
