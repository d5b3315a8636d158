// One hook to read a case (live from its workflow) and one to take a human step on it; the step's
// answer is the case as it now stands, so it replaces the cached view and the task lists refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SubjectResource } from '../vocabulary';
import { api, unwrap } from './client';
import { keys } from './keys';
import type {
  BodyOf,
  ObjectionView,
  ObservationView,
  OffsetView,
  PenaltyRecordView,
  PostPath,
  RectificationView,
} from './types';

interface ViewOf {
  rectifications: RectificationView;
  'observation-periods': ObservationView;
  'penalty-records': PenaltyRecordView;
  offsets: OffsetView;
  objections: ObjectionView;
}

// openapi-fetch types each literal path; these generic helpers take any path of a resource.
type Call = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const get = api.GET as unknown as Call;
const post = api.POST as unknown as Call;

export function useCaseView<R extends keyof ViewOf>(resource: R, id: string) {
  return useQuery({
    queryKey: keys.case(resource, id),
    queryFn: () => unwrap(get(`/${resource}/{id}`, { params: { path: { id } } })) as Promise<ViewOf[R]>,
  });
}

/** The steps of a resource: `/rectifications/{id}/commitment`, `/penalty-records/{id}/repair-applications/{appId}/decision`, … */
export type StepPath<R extends SubjectResource> = Extract<PostPath, `/${R}/{id}/${string}`>;

export function useCaseStep<R extends SubjectResource, P extends StepPath<R>>(
  resource: R,
  id: string,
  path: P,
  pathParams: Record<string, string> = {},
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<P>) => unwrap(post(path, { params: { path: { id, ...pathParams } }, body })),
    onSuccess: async (answer) => {
      const view = answer as { id?: string; history?: unknown };
      // Steps answer the case itself; a repair application answers the application: read again.
      if (view.id === id && view.history) {
        client.setQueryData(keys.case(resource, id), answer);
        // The step may have issued documents (a commitment, a conclusion), listed apart.
        await client.invalidateQueries({ queryKey: keys.caseDocuments(resource, id) });
      } else await client.invalidateQueries({ queryKey: keys.case(resource, id) });
      await client.invalidateQueries({ queryKey: keys.allTasks });
    },
  });
}

/** Opening a case: an order, a period, a record. Answers the new case's view. */
export function useOpenCase<P extends '/rectifications' | '/observation-periods' | '/penalty-records'>(path: P) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<P>) => unwrap(post(path, { body })) as Promise<{ id: string; enterpriseId: string }>,
    onSuccess: async (view) => {
      await client.invalidateQueries({ queryKey: keys.enterpriseProcesses(view.enterpriseId) });
      await client.invalidateQueries({ queryKey: keys.allTasks });
    },
  });
}
