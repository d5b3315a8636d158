// The process types as the API names them, and where each lives in the console and the API.
export const PROCESS_TYPES = ['observation_period', 'rectification', 'penalty_record', 'offset'] as const;
export type ProcessType = (typeof PROCESS_TYPES)[number];

/** What else the API's lists name beside the processes (graded supervision, issue #19), each with its page. */
export type Subject = ProcessType | 'objection' | 'inspection';

/** The resource segment of a process type, the same in the API (/api/v1/…) and the console's URLs. */
export const RESOURCE_OF = {
  observation_period: 'observation-periods',
  rectification: 'rectifications',
  penalty_record: 'penalty-records',
  objection: 'objections',
  inspection: 'inspections',
  offset: 'offsets',
} as const satisfies Record<Subject, string>;
export type CaseResource = (typeof RESOURCE_OF)[ProcessType];
/** Every resource a case page reads: the processes', objections', inspections'. */
export type SubjectResource = (typeof RESOURCE_OF)[Subject];

export const casePath = (type: Subject, id: string): string => `/${RESOURCE_OF[type]}/${id}`;
