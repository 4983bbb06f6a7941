// `link` evidence, case by case, with each finding at its line and column in the manifest.
import { linkEvidence } from '../../../src/core/evidence/link.js';
import { evidenceTable } from './tester.js';

evidenceTable(
  linkEvidence,
  { link: { pattern: '^https://tickets\\.example\\.com/' } },
  {
    valid: [{ entry: 'link: https://tickets.example.com/OPS-1' }],
    invalid: [
      {
        entry: 'link: https://evil.example.org/OPS-1',
        errors: [
          {
            message:
              'link "https://evil.example.org/OPS-1" does not match what the policy accepts for SEC-2 (^https://tickets\\.example\\.com/)',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: reports/pentest.md',
        errors: [{ message: 'SEC-2 needs a link: add `link: https://…` to the ticket or record', line: 4, column: 5 }],
      },
    ],
  },
);
