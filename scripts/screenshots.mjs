// npm run screenshots: renders each example's readiness comment the way GitHub shows it (its Markdown
// stylesheet, a 900 px column, headless Chromium) and writes the PNGs under docs/screenshots/, with the
// height of each comment collapsed and with every <details> open. Not part of the test command.
//
// Needs Chromium and an emoji font: on Debian or Ubuntu, `sudo apt-get install chromium
// fonts-noto-color-emoji` (or set CHROMIUM to a Chrome or Chromium binary). The comment is the CLI's `check --format markdown`, rendered by markdown-it
// with GitHub's options (HTML allowed, tables, autolinks), so it stays close to what a PR shows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-20T12:00:00Z';
const WIDTH = 900;
const EXAMPLES = [
  { name: 'ready', manifest: 'examples/claims-triage/pilot-readiness.yml', facts: 'examples/claims-triage/pr-ready.json' },
  { name: 'pending', manifest: 'examples/churn-forecast/pilot-readiness.yml', facts: 'examples/churn-forecast/pr-pending.json' },
  { name: 'objection', manifest: 'examples/claims-triage/pilot-readiness.yml', facts: 'examples/claims-triage/pr-objection.json' },
  { name: 'blocked', manifest: 'examples/loan-approval/pilot-readiness.yml', facts: null },
];

const browserPath =
  process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!browserPath) {
  console.error(
    'screenshots: no Chromium found. Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-color-emoji) or set CHROMIUM=/path/to/chrome.',
  );
  process.exit(2);
}
const css = readFileSync(join(root, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'), 'utf8');
const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
const outDir = join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
});
const heights = [];
try {
  for (const example of EXAMPLES) {
    const args = [
      'dist/cli.js',
      'check',
      example.manifest,
      '--now',
      NOW,
      '--format',
      'markdown',
      ...(example.facts ? ['--pr', example.facts] : []),
    ];
    const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`check failed for ${example.name}: ${run.stderr}`);
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
      body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; width: ${WIDTH}px; padding: 16px; }</style></head>
      <body><article class="markdown-body">${md.render(run.stdout)}</article></body></html>`;
    const page = await browser.newPage();
    await page.setViewport({ width: WIDTH, height: 600, deviceScaleFactor: 1 });
    await page.setContent(html, { waitUntil: 'load' });
    const body = await page.$('article');
    const collapsed = Math.ceil((await body.boundingBox()).height);
    await body.screenshot({ path: join(outDir, `comment-${example.name}.png`) });
    await page.$$eval('details', (all) => {
      for (const d of all) d.setAttribute('open', '');
    });
    const open = Math.ceil((await body.boundingBox()).height);
    heights.push({ example: example.name, collapsed_px: collapsed, open_px: open });
    await page.close();
  }
} finally {
  await browser.close();
}
writeFileSync(join(outDir, 'heights.json'), `${JSON.stringify(heights, null, 2)}\n`);
for (const h of heights)
  console.log(
    `${h.example.padEnd(10)} collapsed ${String(h.collapsed_px).padStart(5)} px · details open ${String(h.open_px).padStart(5)} px`,
  );
