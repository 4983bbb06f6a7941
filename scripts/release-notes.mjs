// Prints the CHANGELOG.md section of a release tag (v1.2.3 → "## 1.2.3" up to the next "## "), for
// the GitHub release's notes. Exits 1 when there is none.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = (process.argv[2] ?? '').replace(/^v/, '');
const lines = readFileSync(`${root}CHANGELOG.md`, 'utf8').split('\n');
const start = lines.findIndex((line) => line === `## ${version}` || line.startsWith(`## ${version} `));
if (start < 0) {
  console.error(`release-notes: CHANGELOG.md has no "## ${version}" section`);
  process.exit(1);
}
const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
console.log(
  lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim(),
);
