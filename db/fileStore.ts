// Files stored content-addressed by SHA-256 (evidence uploads under DATA_DIR/evidence, issued
// documents under DATA_DIR/documents): the same file stored twice is stored once, and a stored file
// cannot change without its address changing. An upload arrives in a temporary file of the store's
// (hashed as it streams in, api/uploads.ts) and enters the store only once its step has been
// accepted, so a refused step leaves nothing behind; a generated file (a document) is written to a
// temporary file and committed the same way. An interface, so that object storage (OSS, S3, MinIO)
// can replace the local directory.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** A file that has arrived in full: where it waits, and what it holds. */
export interface ReceivedFile {
  path: string;
  sha256: string;
}

export interface EvidenceStore {
  /** A new, not yet existing path for an arriving file, on the store's own file system. */
  incomingPath(): string;
  /** Takes a received file into the store at its SHA-256 (the temporary file is gone afterwards). */
  commit(file: ReceivedFile): Promise<void>;
  /** The bytes stored at a SHA-256, or undefined. */
  open(sha256: string): Promise<Readable | undefined>;
}

/** A store that also takes bytes made in the process (documents), answering their SHA-256. */
export interface FileStore extends EvidenceStore {
  put(bytes: Buffer): Promise<string>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export class DirectoryFileStore implements FileStore {
  /** Where uploads arrive: inside the root, so that committing one is a rename. */
  private readonly incoming: string;

  constructor(private readonly root: string) {
    this.incoming = path.join(root, '.incoming');
    // Made once, up front: an upload then changes nothing in the directory until it is committed.
    mkdirSync(this.incoming, { recursive: true });
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  incomingPath(): string {
    return path.join(this.incoming, `${randomUUID()}.partial`);
  }

  async commit({ path: received, sha256 }: ReceivedFile): Promise<void> {
    if (!SHA256_HEX.test(sha256) || path.dirname(received) !== this.incoming)
      throw new Error('Not a file received by this store.');
    const target = this.pathOf(sha256);
    if (await exists(target)) {
      await rm(received, { force: true });
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    // A rename within one file system: a reader never sees a half-written file under its final name.
    await rename(received, target);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const incoming = this.incomingPath();
    await writeFile(incoming, bytes);
    await this.commit({ path: incoming, sha256 });
    return sha256;
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const file = this.pathOf(sha256);
    return (await exists(file)) ? createReadStream(file) : undefined;
  }
}

/**
 * Where documents are kept when no store is given (tests, tools): one temporary directory per
 * machine, shared by the worker and the API of one process. In service: DATA_DIR/documents.
 */
export const temporaryDocumentStore = (): DirectoryFileStore =>
  new DirectoryFileStore(path.join(tmpdir(), 'tempered-documents'));
