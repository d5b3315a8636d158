// Named shapes from the generated OpenAPI types, so that screens say `RectificationView` rather
// than reaching into `paths[...]`.
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer R } ? Json<R[200 & keyof R]> | Json<R[201 & keyof R]> : never;

/** Every path that takes a JSON POST body. */
export type PostPath = {
  [P in keyof paths]: paths[P] extends { post: { requestBody?: { content: { 'application/json': unknown } } } }
    ? P
    : never;
}[keyof paths];
export type BodyOf<P extends PostPath> = paths[P]['post'] extends { requestBody?: infer R } ? Json<R> : never;

export type RectificationView = Ok<paths['/rectifications/{id}']['get']>;
export type ObservationView = Ok<paths['/observation-periods/{id}']['get']>;
export type PenaltyRecordView = Ok<paths['/penalty-records/{id}']['get']>;
export type OffsetView = Ok<paths['/offsets/{id}']['get']>;
export type ObjectionView = Ok<paths['/objections/{id}']['get']>;
export type CaseView = RectificationView | ObservationView | PenaltyRecordView;
export type HistoryEntry = CaseView['history'][number];
export type OpenStep = CaseView['openSteps'][number];
export type EvidenceFile = RectificationView['submissions'][number]['files'][number];

export type TaskPage = Ok<paths['/tasks']['get']>;
export type Task = TaskPage['tasks'][number];
export type EnterpriseProfile = Ok<paths['/enterprises/{id}']['get']>;
export type EnterpriseProcess = Ok<paths['/enterprises/{id}/processes']['get']>['processes'][number];
export type CreditFileEntry = Ok<paths['/enterprises/{id}/credit-file']['get']>['entries'][number];
export type Matter = Ok<paths['/catalog/matters']['get']>['matters'][number];
export type Stats = Ok<paths['/stats']['get']>;
export type AuditEntry = Ok<paths['/audit']['get']>['entries'][number];
export type BulkExtensionResult = Ok<paths['/bulk/deadline-extensions']['post']>;
export type Inspection = Ok<paths['/inspections']['get']>['inspections'][number];
export type CapCheck = NonNullable<Inspection['capCheck']>;
export type WhitelistEntry = Ok<paths['/whitelist']['get']>['entries'][number];
export type AuthConfig = Ok<paths['/auth/config']['get']>;
export type Identity = Ok<paths['/auth/me']['get']>;
