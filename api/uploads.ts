// Multipart uploads, read only once the route has admitted the request (api/route.ts): each file
// streams into a temporary file of the evidence store, hashed and measured on the way, never held
// in memory. A file too large, a malformed or aborted body, or a failure on our side leaves no
// temporary file behind (multer asks the storage engine to remove what it stored); whatever the
// route does not commit into the store is removed once it has answered (`discardUploads`).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import multer from 'multer';
import { ApiError } from './errors';
import type { EvidenceStore } from './evidenceStore';
import { sanitiseFilename } from './fileNames';

/** How many leading bytes of each file are kept, for the content checks (api/evidence.ts). */
export const HEAD_BYTES = 4096;

export interface UploadedFile {
  /** As the client named it, sanitised (api/fileNames.ts). */
  originalname: string;
  mimetype: string;
  size: number;
  sha256: string;
  /** The temporary file; `EvidenceStore.commit` takes it into the store. */
  path: string;
  /** The first HEAD_BYTES bytes. */
  head: Buffer;
}

/** Writes each file to a new temporary file of the store, hashing it as it streams. */
class IncomingFiles implements multer.StorageEngine {
  constructor(private readonly store: EvidenceStore) {}

  _handleFile(_req: Request, file: Express.Multer.File, done: (error?: unknown, info?: object) => void): void {
    this.receive(file.stream).then(
      (info) => done(null, info),
      (e: unknown) => done(e),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, done: (error: Error | null) => void): void {
    rm(file.path, { force: true }).then(
      () => done(null),
      (e: Error) => done(e),
    );
  }

  private async receive(stream: NodeJS.ReadableStream) {
    const path = this.store.incomingPath();
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk);
        if (size < HEAD_BYTES) head.push(chunk.subarray(0, HEAD_BYTES - size));
        size += chunk.length;
        next(null, chunk);
      },
    });
    try {
      await pipeline(stream, measure, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
  }
}

/** Errors of our own (the disk) are ours; anything else the parser throws is the body's fault. */
const isOurs = (e: unknown) => typeof (e as { syscall?: unknown }).syscall === 'string';

export interface UploadLimits {
  store: EvidenceStore;
  /** Largest file, in bytes; a larger one is `413 PAYLOAD_TOO_LARGE`. */
  maxFileBytes: number;
}

/** Reads a multipart body: its text fields into `req.body`, up to `maxFiles` files of `field` into temporary files. */
export function receiveUploads(
  req: Request,
  res: Response,
  upload: { field: string; maxFiles: number; contentTypes: readonly string[] },
  { store, maxFileBytes }: UploadLimits,
): Promise<UploadedFile[]> {
  const parse = multer({
    storage: new IncomingFiles(store),
    // A type the route does not take is refused as its part begins, before its bytes are read.
    fileFilter: (_req, file, accept) => {
      const type = file.mimetype.split(';')[0]!.trim().toLowerCase();
      // The declared type is stored with the file: one of the listed, with printable parameters only.
      const printable = file.mimetype.length <= 200 && !/[\u0000-\u001f\u007f]/.test(file.mimetype);
      if (printable && upload.contentTypes.includes(type)) return accept(null, true);
      const name = sanitiseFilename(file.originalname);
      accept(
        new ApiError(400, 'DISALLOWED_FILE_TYPE', `${name}: type ${type} is not accepted.`, [
          { filename: name, contentType: type, allowed: upload.contentTypes },
        ]),
      );
    },
    limits: { fileSize: maxFileBytes, files: upload.maxFiles, fields: 20, fieldSize: 64 * 1024 },
    // File names arrive as UTF-8 from every current browser; busboy would read them as latin1.
    defParamCharset: 'utf8',
  }).array(upload.field, upload.maxFiles);
  return new Promise((resolve, reject) =>
    parse(req, res, (err?: unknown) => {
      const files = ((req.files as unknown as UploadedFile[] | undefined) ?? []).map((f): UploadedFile => ({
        originalname: sanitiseFilename(f.originalname),
        mimetype: f.mimetype,
        size: f.size,
        sha256: f.sha256,
        path: f.path,
        head: f.head,
      }));
      if (err === undefined) return resolve(files);
      // Multer's limit errors go on to errors.ts as they are (a file too large is 413).
      if (err instanceof multer.MulterError || err instanceof ApiError || isOurs(err)) return reject(err);
      reject(new ApiError(400, 'VALIDATION_FAILED', 'The multipart body is malformed.'));
    }),
  );
}

/** Removes the temporary files of an upload that were not committed into the store. */
export async function discardUploads(files: readonly UploadedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(f.path, { force: true })));
}
