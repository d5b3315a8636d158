// Inspections under graded supervision (检查): an agency's plan over a range of days, planning one
// (the API checks the enterprise's routine cap), recording its result, and naming the
// rectification ordered on violations found. Each answer refreshes the plan and the to-do list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { keys } from './keys';
import type { BodyOf, Inspection } from './types';

export interface InspectionRange {
  from: string;
  to: string;
}

/**
 * The inspections of `agency` planned within the range. The API lists every agency's (an officer
 * reads others' for joint visits); the plan shows the agency's own.
 */
export const useInspections = (agency: string | undefined, range: InspectionRange) =>
  useQuery({
    queryKey: keys.inspections(range),
    queryFn: () => unwrap(api.GET('/inspections', { params: { query: range } })),
    select: (answer): Inspection[] => answer.inspections.filter((i) => i.agency === agency),
  });

/** After a change: the plan and the to-do list (violations found open a task, naming its rectification closes it). */
function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: keys.allInspections });
    await client.invalidateQueries({ queryKey: keys.allTasks });
  };
}

export function usePlanInspection() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/inspections'>) => unwrap(api.POST('/inspections', { body })),
    onSuccess: refresh,
  });
}

const byId = (id: string) => ({ params: { path: { id } } });

export function useInspectionResult(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/inspections/{id}/result'>) =>
      unwrap(api.POST('/inspections/{id}/result', { ...byId(id), body })),
    onSuccess: refresh,
  });
}

export function useNameRectification(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: BodyOf<'/inspections/{id}/rectification'>) =>
      unwrap(api.POST('/inspections/{id}/rectification', { ...byId(id), body })),
    onSuccess: refresh,
  });
}
