// Content hashes recorded in reports, so a decision can be tied to the exact policy and manifest used.
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
