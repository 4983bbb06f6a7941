// A hostile manifest at the 1 MiB limit: 12,000 unknown evidence ids, each a 64-character near miss
// of a criterion id of the bundled policy, so that every one asks for a "did you mean". Shared by
// the benchmark (bench/run.mjs) and the adversarial tests, which check what it reports, not how fast.

export const HOSTILE_IDS = 12_000;
export const HOSTILE_LIMIT = 1024 * 1024;
const ID_LENGTH = 64;

/** The i-th unknown id: a criterion id, a dash, the number, padded to 64 characters. */
export function hostileId(i: number): string {
  const base = ['SEC-1', 'DR-2', 'OPS-3', 'CMP-4', 'BUS-1', 'EXP-2'][i % 6]!;
  const stem = `${base}-${i}-`;
  return `${stem}${'x'.repeat(ID_LENGTH - stem.length)}`;
}

/** The manifest's text: as many bytes as the limit allows (ASCII, so characters are bytes). */
export function hostileManifest(count = HOSTILE_IDS, limit = HOSTILE_LIMIT): string {
  const head = 'version: 1\npilot:\n  name: hostile\n  risk: high\nowner: maria-exec\nevidence:\n';
  // Each line: two spaces, the id, `: { note: `, the note, ` }` and a newline.
  const fixed = 2 + ID_LENGTH + ': { note: '.length + ' }\n'.length;
  const noteLength = Math.max(1, Math.floor((limit - head.length) / count) - fixed);
  const lines: string[] = [head];
  for (let i = 0; i < count; i++) lines.push(`  ${hostileId(i)}: { note: ${'n'.repeat(noteLength)} }\n`);
  return lines.join('');
}
