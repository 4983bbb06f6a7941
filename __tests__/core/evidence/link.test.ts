// `link` evidence, case by case, with each finding at its line and column in the manifest.
import { linkEvidence } from '../../../src/core/evidence/link.js';
import { evidenceTable, placeholderTable, policyTable } from './tester.js';

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
            messageId: 'link/pattern-mismatch',
            message:
              'link "https://evil.example.org/OPS-1" does not match what the policy accepts for SEC-2 (^https://tickets\\.example\\.com/)',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: reports/pentest.md',
        errors: [
          { messageId: 'link/needed', message: 'SEC-2 needs a link: add `link: https://…` to the ticket or record', line: 4, column: 5 },
        ],
      },
    ],
  },
);

// EXP-3's pattern in the default policy: the appeal channel may be a web page or a mailbox, and
// nothing that only looks like one (a script, an inline document, a message prefilled or copied elsewhere).
evidenceTable(
  linkEvidence,
  { link: { pattern: '^(https://|mailto:)' } },
  {
    valid: [{ entry: 'link: https://appeals.example.com/scoring' }, { entry: 'link: mailto:appeals@example.com' }],
    invalid: [
      ...[
        'mailto:appeals@example.com?body=I%20approve',
        'mailto:appeals@example.com?subject=x',
        'mailto:appeals@example.com,audit@evil.example',
        'mailto:appeals%40example.com',
        'mailto:',
        'mailto:appeals',
        'mailto:<appeals@example.com>',
        'MAILTO:appeals@example.com?cc=x@evil.example',
      ].map((link) => ({
        entry: `link: "${link}"`,
        errors: [
          {
            messageId: 'link/bad-mailto',
            message: `link "${link}" is not one plain e-mail address: write it as mailto:appeals@example.com, without ?subject=, ?body=, a second address or %-escapes`,
            line: 4,
            column: 11,
          },
        ],
      })),
      // The schema refuses these first; the check holds on its own too (a replayed report, a future schema).
      ...['javascript:alert(1)//https://', 'data:text/html,<script>alert(1)</script>', 'https://', 'ftp://files.example.com/x'].map(
        (link) => ({
          entry: `link: "${link}"`,
          errors: [{ messageId: 'link/not-a-url', message: `link "${link}" is not a valid http(s) URL`, line: 4, column: 11 }],
        }),
      ),
    ],
  },
);

// Without a pattern the policy asks for an http(s) link: an address is not one.
evidenceTable(
  linkEvidence,
  { link: {} },
  {
    valid: [{ entry: 'link: http://tickets.internal/OPS-1' }],
    invalid: [
      {
        entry: 'link: mailto:appeals@example.com',
        errors: [
          {
            messageId: 'link/mailto-refused',
            message:
              'link "mailto:appeals@example.com" is an e-mail address, but SEC-2 needs an http(s) link: the policy accepts mailto: only where its link pattern does',
            line: 4,
            column: 11,
          },
        ],
      },
    ],
  },
);

// A pattern that does not compile is refused in the policy file that states it, before any layering.
policyTable(linkEvidence, {
  valid: ['link: { pattern: "^https://tickets\\\\.example\\\\.com/" }', 'link: {}'],
  invalid: [
    {
      evidence: 'link: { pattern: "(" }',
      errors: [
        {
          messageId: 'link/bad-pattern',
          message: 'link pattern is not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
          line: 7,
          column: 28,
        },
      ],
    },
  ],
});

placeholderTable(linkEvidence, [
  { entry: 'link: https://', still: [['link']] },
  { entry: 'link: https://tickets.example.com/OPS-1', still: [] },
]);
