// Content hashes recorded in reports, so a decision can be tied to the exact policy and manifest used.
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of raw bytes, as `sha256sum` prints it. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** git's object id of a file with these bytes (`git hash-object`): sha1 of "blob <length>\0" and the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
