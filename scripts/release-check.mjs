// Before a release: the tag (v1.2.3) must name package.json's version, the built CLI must report it,
// and CHANGELOG.md must have a section for it. Prints each problem and exits 1; exits 0 when all agree.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tag = process.argv[2] ?? '';
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const problems = [];
if (!/^v\d+\.\d+\.\d+$/.test(tag)) problems.push(`the tag "${tag}" is not a release tag: write it as v1.2.3`);
else if (tag !== `v${version}`)
  problems.push(`the tag ${tag} does not match package.json's version ${version}: tag v${version}, or bump the version first`);
const cli = spawnSync(process.execPath, [`${root}dist/cli.js`, '--version'], { encoding: 'utf8' });
if (cli.stdout.trim() !== version)
  problems.push(`dist/cli.js --version says "${cli.stdout.trim()}", package.json says ${version}: set TOOL_VERSION and rebuild`);
const changelog = readFileSync(`${root}CHANGELOG.md`, 'utf8');
if (!new RegExp(`^## ${version.replace(/\./g, '\\.')}(\\s|$)`, 'm').test(changelog))
  problems.push(`CHANGELOG.md has no "## ${version}" section: move the Unreleased notes under it`);
for (const problem of problems) console.error(`release-check: ${problem}`);
if (problems.length === 0)
  console.log(`release-check: ${tag} = package.json ${version} = CLI ${cli.stdout.trim()}, with notes in CHANGELOG.md`);
process.exit(problems.length === 0 ? 0 : 1);
