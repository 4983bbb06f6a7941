import { describe, expect, it } from 'vitest';
import { withinSummaryLimit } from '../../src/report/gate-summary.js';

describe('the job summary', () => {
  it('is kept whole under 1 MiB', () => {
    const text = '## report\n'.repeat(1000);
    expect(withinSummaryLimit(text)).toBe(text);
  });
  it('is cut at a line boundary under 1 MiB, with a note saying where the rest is', () => {
    const line = `| 🔴 | **pilot** ${'x'.repeat(200)} |\n`;
    const text = line.repeat(10_000);
    const cut = withinSummaryLimit(text);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1_000_000);
    expect(cut).toMatch(
      /\|\n\n…the summary is cut here \(GitHub keeps 1 MiB\); every report is in the JSON file named by the `report` output\.\n$/,
    );
    expect(
      cut
        .split('\n')
        .filter((l) => l.startsWith('| 🔴'))
        .every((l) => l === line.trimEnd()),
    ).toBe(true);
  });
});
