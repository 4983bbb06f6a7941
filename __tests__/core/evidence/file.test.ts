// `file` evidence, case by case, with each finding at its line and column in the manifest.
import { fileEvidence } from '../../../src/core/evidence/file.js';
import { evidenceTable } from './tester.js';

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
            message: 'file "reports/nope.md" does not exist in the repository (looked for pilots/claims/reports/nope.md)',
            line: 4,
            column: 11,
          },
        ],
      },
      { entry: 'file: reports', errors: [{ message: '"reports" is a folder; name the report file itself', line: 4, column: 11 }] },
      {
        entry: 'file: reports/link.md',
        errors: [
          {
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
          { message: 'file "notes/pentest.md" is not where the policy accepts evidence for SEC-2: reports/**', line: 4, column: 11 },
        ],
      },
      {
        entry: 'file:\n  - reports/pentest.md\n  - ../../../etc/passwd',
        errors: [
          {
            message: 'evidence path "../../../etc/passwd" escapes the repository; evidence must live inside the repository',
            line: 6,
            column: 9,
          },
        ],
      },
      {
        entry: 'file: /etc/passwd',
        errors: [{ message: 'evidence path "/etc/passwd" is absolute; write it relative to the manifest\'s folder', line: 4, column: 11 }],
      },
      {
        entry: 'link: https://x.example.com',
        errors: [{ message: "SEC-2 needs a file: add `file: path/to/report` (relative to the manifest's folder)", line: 4, column: 5 }],
      },
    ],
  },
);
