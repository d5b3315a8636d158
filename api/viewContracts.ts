// Compile-time proof that each response schema (what the OpenAPI document promises) describes the
// view its workflow returns: the same fields at every depth, each assignable to the other. A field
// added to one and not the other, or typed differently, fails `npm run typecheck`.
import type { z } from 'zod';
import type { ObservationView, OffsetView, PenaltyRecordView, RectificationView } from '../workflows/messages';
import type { offsetViewSchema } from './routes/offsets';
import type { observationViewSchema } from './routes/observationPeriods';
import type { penaltyRecordViewSchema } from './routes/penaltyRecords';
import type { rectificationViewSchema } from './routes/rectifications';

type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T> = [T] extends [true] ? true : false;
/** The same keys, and at every key a matching type, down through arrays and objects. */
type Matches<A, B> =
  Assignable<A, B> extends false
    ? false
    : [A] extends [readonly (infer X)[]]
      ? [B] extends [readonly (infer Y)[]]
        ? Matches<X, Y>
        : false
      : [A] extends [object]
        ? Assignable<keyof A, keyof B> extends false
          ? false
          : AllTrue<{ [K in keyof A & keyof B]-?: Matches<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A & keyof B]>
        : true;
type Holds<T extends true> = T;

export type ViewContracts = [
  Holds<Matches<z.infer<typeof rectificationViewSchema>, RectificationView>>,
  Holds<Matches<z.infer<typeof observationViewSchema>, ObservationView>>,
  Holds<Matches<z.infer<typeof penaltyRecordViewSchema>, PenaltyRecordView>>,
  Holds<Matches<z.infer<typeof offsetViewSchema>, OffsetView>>,
];
