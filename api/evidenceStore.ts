// Evidence uploads are kept in a content-addressed file store (db/fileStore.ts), shared with the
// documents the worker issues.
export { DirectoryFileStore as DirectoryEvidenceStore, type EvidenceStore, type ReceivedFile } from '../db/fileStore';
