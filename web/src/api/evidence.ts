// Evidence files: uploaded as multipart with upload progress (XMLHttpRequest: fetch reports none),
// and read back as blobs for the review workbench's preview (the API wants the bearer token, so a
// plain <img src> cannot load them).
import { API_BASE, authHeaders, newIdempotencyKey } from './client';
import { ApiFailure } from './failure';
import { fetchBlob } from './files';
import type { EvidenceFile } from './types';

export interface UploadAnswer {
  round: number;
  status: string;
  files: EvidenceFile[];
}

export function uploadEvidence(
  rectificationId: string,
  description: string,
  files: File[],
  onProgress: (percent: number) => void,
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('description', description);
  for (const file of files) form.append('files', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${API_BASE}/rectifications/${encodeURIComponent(rectificationId)}/evidence`);
    for (const [name, value] of Object.entries(authHeaders())) request.setRequestHeader(name, value);
    request.setRequestHeader('Idempotency-Key', newIdempotencyKey());
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    request.onload = () => {
      const body: unknown = request.responseText ? JSON.parse(request.responseText) : undefined;
      if (request.status >= 200 && request.status < 300) resolve(body as UploadAnswer);
      else reject(ApiFailure.from(request.status, body));
    };
    request.onerror = () => reject(new ApiFailure(0, 'NETWORK', ''));
    request.send(form);
  });
}

export const evidenceBlob = (rectificationId: string, evidenceId: string): Promise<Blob> =>
  fetchBlob(`/rectifications/${encodeURIComponent(rectificationId)}/evidence/${encodeURIComponent(evidenceId)}`);
