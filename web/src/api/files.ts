// Files the API serves behind the bearer token (a document's PDF, an evidence file, the statistics'
// CSV): fetched with the session's token, since the console keeps it out of cookies, and handed to
// the browser as a download.
import { API_BASE, authHeaders } from './client';
import { ApiFailure } from './failure';

/** The file at `path` (below the API's base) as a blob; the API's refusal as an ApiFailure. */
export async function fetchBlob(path: string): Promise<Blob> {
  const response = await fetch(`${API_BASE}${path}`, { headers: authHeaders() });
  if (!response.ok) throw ApiFailure.from(response.status, await response.json().catch(() => undefined));
  return response.blob();
}

/** Hands a blob to the browser as a download named `filename`, then lets the object URL go. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes once the click is handled; a moment later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
