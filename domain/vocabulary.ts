// The words every layer shares, defined once: the kinds of process, the roles of the people who act
// on them, and who a human step can wait for. Route schemas, database enums, permissions and the
// workflows all derive from these lists, so a new process or role is added in one place.

/** The kinds of case (one workflow type each). */
export const PROCESS_TYPES = ['observation_period', 'rectification', 'penalty_record'] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];

/** Who signs in, as the `role` claim of a token names them. */
export const ROLES = ['officer', 'business', 'credit_staff', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a human step can wait for: they own tasks. */
export const ASSIGNEE_ROLES = ['officer', 'business', 'credit_staff'] as const satisfies readonly Role[];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

/** Where the API serves each kind of case, e.g. `/rectifications/{id}`. */
const PROCESS_RESOURCES: Readonly<Record<ProcessType, string>> = {
  observation_period: 'observation-periods',
  rectification: 'rectifications',
  penalty_record: 'penalty-records',
};
export const resourceOf = (type: ProcessType): string => PROCESS_RESOURCES[type];
