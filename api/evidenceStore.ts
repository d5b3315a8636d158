// Evidence bytes, stored content-addressed by SHA-256: the same file uploaded twice is stored
// once, and a stored file cannot change without its address changing. An interface, so that
// object storage (OSS, S3, MinIO) can replace the local directory.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface EvidenceStore {
  /** Stores the bytes and returns their SHA-256 (hex), the address to read them back with. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored at a SHA-256, or undefined. */
  open(sha256: string): Promise<Readable | undefined>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class DirectoryEvidenceStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(sha256);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return sha256;
    await mkdir(path.dirname(target), { recursive: true });
    // Write aside, then rename: a reader never sees a half-written file under its final name.
    const partial = `${target}.${randomUUID()}.partial`;
    await writeFile(partial, bytes, { mode: 0o640 });
    await rename(partial, target);
    return sha256;
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const file = this.pathOf(sha256);
    return (await stat(file).then(
      () => true,
      () => false,
    ))
      ? createReadStream(file)
      : undefined;
  }
}
