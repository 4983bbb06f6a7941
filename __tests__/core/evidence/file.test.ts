// `file` evidence, case by case, with each finding at its line and column in the manifest.
import { fileEvidence } from '../../../src/core/evidence/file.js';
import { entryTable, evidenceTable } from './tester.js';

evidenceTable(
  fileEvidence,
  { file: { paths: ['reports/**'] } },
  {
    valid: [{ entry: 'file: reports/pentest.md' }, { entry: 'file: [reports/pentest.md, ./reports/pentest.md]' }],
    invalid: [
      {
        entry: 'file: reports/nope.md',
        errors: [
          {
            messageId: 'file/missing',
            message: 'file "reports/nope.md" does not exist in the repository (looked for pilots/claims/reports/nope.md)',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: reports',
        errors: [{ messageId: 'file/folder', message: '"reports" is a folder; name the report file itself', line: 4, column: 11 }],
      },
      {
        entry: 'file: reports/link.md',
        errors: [
          {
            messageId: 'file/outside',
            message: '"reports/link.md" is a symbolic link that points outside the repository; commit the file itself',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: reports/sub.md',
        errors: [
          {
            messageId: 'file/unverifiable',
            message:
              '"reports/sub.md" is a symbolic link or a submodule, whose content cannot be verified through the GitHub API; commit the file itself',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: notes/pentest.md',
        errors: [
          {
            messageId: 'file/not-accepted',
            message: 'file "notes/pentest.md" is not where the policy accepts evidence for SEC-2: reports/**',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file:\n  - reports/pentest.md\n  - ../../../etc/passwd',
        errors: [
          {
            messageId: 'file/path-refused',
            message: 'evidence path "../../../etc/passwd" escapes the repository; evidence must live inside the repository',
            line: 6,
            column: 9,
          },
        ],
      },
      {
        entry: 'file: /etc/passwd',
        errors: [
          {
            messageId: 'file/path-refused',
            message: 'evidence path "/etc/passwd" is absolute; write it relative to the manifest\'s folder',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'link: https://x.example.com',
        errors: [
          {
            messageId: 'file/needed',
            message: "SEC-2 needs a file: add `file: path/to/report` (relative to the manifest's folder)",
            line: 4,
            column: 5,
          },
        ],
      },
    ],
  },
);

// A document as the evidence: big enough to be more than a stub, and with the sections the policy names.
const ROLLBACK = `# Rollback: claims triage

## Procedure

1. \`deployctl rollback claims-triage --to previous\` repoints serving to the previous model.
2. The feature flag claims_triage.enabled=false sends every claim to the intake rules.

\`\`\`
## Last tested (inside a code block: not a heading)
\`\`\`
`;
const DRILL = `Rollback drill, 2026-10-21
==========================

Last tested on 2026-10-21 in staging ## not a heading either

## LAST TESTED: 2026-10-21 ##

Service restored after 9 minutes, from the decision to the first correctly routed claim.
`;
evidenceTable(
  fileEvidence,
  { file: { paths: ['reports/**'], min_bytes: 200, headings: ['Procedure', 'Last tested'] } },
  {
    // Each heading in at least one of the files; a heading may continue after the text, any case.
    valid: [{ entry: 'file: [reports/rollback.md, reports/drill.md]' }],
    invalid: [
      {
        entry: 'file: reports/rollback.md',
        errors: [
          {
            messageId: 'file/heading-missing',
            message: 'no evidence file of SEC-2 has a heading "Last tested" (looked in reports/rollback.md): add that section',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: [reports/stub.md, reports/drill.md]',
        errors: [
          {
            messageId: 'file/too-small',
            message: 'file "reports/stub.md" holds 12 bytes; SEC-2 needs at least 200 (an empty or stub report is not evidence)',
            line: 4,
            column: 12,
          },
        ],
      },
      {
        entry: 'file: reports/big.md',
        errors: [
          {
            messageId: 'file/unreadable',
            message: 'file "reports/big.md" cannot be read: it is 1048586 bytes; the limit is 1048576 bytes (1 MiB)',
            line: 4,
            column: 11,
          },
        ],
      },
    ],
  },
  {
    'pilots/claims/reports/rollback.md': ROLLBACK,
    'pilots/claims/reports/drill.md': DRILL,
    'pilots/claims/reports/stub.md': '# Procedure\n',
    'pilots/claims/reports/big.md': `# Procedure${'x'.repeat(1024 * 1024 - 1)}`,
  },
  'file evidence with min_bytes and headings',
);

// A path out of the repository is an attempt: the manifest is refused for it, whatever the policy asks.
entryTable(fileEvidence, {
  valid: ['file: reports/pentest.md', 'file: [reports/pentest.md, notes/*.md]', 'date: 2026-11-01'],
  invalid: [
    {
      entry: 'file: ../../../etc/passwd',
      errors: [
        {
          messageId: 'file/path-refused',
          message: 'evidence path "../../../etc/passwd" escapes the repository; evidence must live inside the repository',
          line: 4,
          column: 11,
        },
      ],
    },
    {
      entry: 'file:\n  - reports/pentest.md\n  - /etc/passwd',
      errors: [
        {
          messageId: 'file/path-refused',
          message: 'evidence path "/etc/passwd" is absolute; write it relative to the manifest\'s folder',
          line: 6,
          column: 9,
        },
      ],
    },
  ],
});
