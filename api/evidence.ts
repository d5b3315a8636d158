// What evidence files are accepted: documents and photos, checked by their first bytes as well as
// their declared type, so that a renamed executable is not stored as a "PDF".
import type { UploadedFile } from './uploads';
import { ApiError } from './errors';

const isText = (b: Buffer) => !b.includes(0);
const startsWith = (b: Buffer, bytes: number[]) => bytes.every((byte, i) => b[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // docx and xlsx are zip containers

/** Allowed content types, each with the signature its bytes must show. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => startsWith(b, ZIP),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => startsWith(b, ZIP),
  'text/plain': isText,
};

export const ALLOWED_EVIDENCE_TYPES = Object.keys(SIGNATURES);

/**
 * `422 FILE_CONTENT_MISMATCH` for a file whose bytes are not what its declared type says. (A type
 * not among ALLOWED_EVIDENCE_TYPES was refused as it arrived, 400 DISALLOWED_FILE_TYPE.)
 */
export function assertAllowedEvidence(file: UploadedFile): void {
  const type = file.mimetype.split(';')[0]!.trim().toLowerCase();
  const signature = SIGNATURES[type];
  if (file.size === 0 || !signature?.(file.head)) {
    throw new ApiError(422, 'FILE_CONTENT_MISMATCH', `${file.originalname}: the content is not a ${type} file.`, [
      { filename: file.originalname, contentType: type },
    ]);
  }
}
