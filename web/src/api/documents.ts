// A case's documents (文书) and their service (送达): the list, the PDF (fetched with the bearer
// token, which the console keeps in sessionStorage, so a plain link cannot carry it), the business's
// acknowledgement and an officer's record of another way. Each act reads the list again, right or
// refused (a 409 means someone else served it meanwhile), and the task lists with it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseResource } from '../vocabulary';
import { api, unwrap } from './client';
import { fetchBlob } from './files';
import { keys } from './keys';
import type { paths } from './schema';
import type { BodyOf } from './types';

export type CaseDocument =
  paths['/rectifications/{id}/documents']['get']['responses'][200]['content']['application/json']['documents'][number];
export type ServiceBody = BodyOf<'/documents/{id}/service'>;

export function useCaseDocuments(resource: CaseResource, id: string) {
  return useQuery({
    queryKey: keys.caseDocuments(resource, id),
    // Every resource's list has the same shape; openapi-fetch types each literal path.
    queryFn: () =>
      unwrap(
        api.GET(`/${resource}/{id}/documents` as '/rectifications/{id}/documents', { params: { path: { id } } }),
      ).then((list) => list.documents),
  });
}

function useDocumentAct<V>(resource: CaseResource, caseId: string, send: (value: V) => Promise<CaseDocument>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.caseDocuments(resource, caseId) }),
        client.invalidateQueries({ queryKey: keys.allTasks }),
      ]),
  });
}

/** The business acknowledges a document (签收): served electronically today. */
export const useAcknowledgement = (resource: CaseResource, caseId: string) =>
  useDocumentAct(resource, caseId, (documentId: string) =>
    unwrap(api.POST('/documents/{id}/acknowledgement', { params: { path: { id: documentId } } })),
  );

/** An officer records how and when a document was served another way (登记送达). */
export const useService = (resource: CaseResource, caseId: string) =>
  useDocumentAct(resource, caseId, ({ documentId, body }: { documentId: string; body: ServiceBody }) =>
    unwrap(api.POST('/documents/{id}/service', { params: { path: { id: documentId } }, body })),
  );

/** A document's PDF. */
export const documentPdf = (documentId: string): Promise<Blob> =>
  fetchBlob(`/documents/${encodeURIComponent(documentId)}`);
