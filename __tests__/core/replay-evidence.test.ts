// replay's comparison of the evidence a report used with the files at hand: it says "match" only
// where a hash was compared, and names every file it could not check.
import { describe, expect, it } from 'vitest';
import { verifyEvidence } from '../../src/core/replay.js';

const BLOB = 'a'.repeat(40);

describe('verifyEvidence', () => {
  it('names a file it could not hash here, and a record without hashes, instead of passing them', () => {
    const lines = verifyEvidence([{ path: 'big.bin', git_blob_sha: BLOB }, { path: 'x.json' }], (path) =>
      path === 'big.bin' ? null : { git_blob_sha: BLOB },
    );
    expect(lines).toEqual([
      'evidence big.bin could not be verified (no hash of it to compare, in the report or in the files at hand)',
      'evidence x.json could not be verified (no hash of it to compare, in the report or in the files at hand)',
    ]);
  });

  it('names a hand-edited record (no path, a hash that is no text) instead of skipping it or failing on it', () => {
    const records = [{ git_blob_sha: BLOB }, { path: 'a.md', git_blob_sha: 5 }, { path: 'b.md', git_blob_sha: BLOB, sha256: ['x'] }];
    expect(verifyEvidence(records as never, () => ({ git_blob_sha: BLOB, sha256: 'c'.repeat(64) }))).toEqual([
      'evidence_files[0] names no path: it could not be verified',
      'evidence a.md could not be verified (no hash of it to compare, in the report or in the files at hand)',
    ]);
  });

  it('compares the hashes both sides have: the same blob matches, another one is named', () => {
    expect(verifyEvidence([{ path: 'a.md', git_blob_sha: BLOB }], () => ({ git_blob_sha: BLOB, sha256: 'c'.repeat(64) }))).toEqual([]);
    expect(verifyEvidence([{ path: 'a.md', git_blob_sha: BLOB }], () => ({ git_blob_sha: 'b'.repeat(40) }))).toEqual([
      `evidence a.md changed since the report (git blob ${'a'.repeat(12)} → ${'b'.repeat(12)})`,
    ]);
  });
});
