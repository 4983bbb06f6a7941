// `date` evidence, case by case, with each finding at its line and column in the manifest.
import { dateEvidence } from '../../../src/core/evidence/date.js';
import { entryTable, evidenceTable, placeholderTable } from './tester.js';

evidenceTable(
  dateEvidence,
  { date: { max_age: { low: '365d', medium: '180d', high: '90d' } } },
  {
    valid: [{ entry: 'date: 2026-11-01' }, { entry: 'date: 2026-08-23' }, { entry: "date: '2026-06-01T09:00:00+02:00'", tier: 'low' }],
    invalid: [
      {
        entry: 'date: 2026-05-01',
        errors: [
          {
            messageId: 'date/too-old',
            message: 'evidence dated 2026-05-01 is 203 days old; the policy accepts at most 90d for high risk (113d 12h too old): renew it',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'date: 2026-12-24',
        errors: [
          {
            messageId: 'date/future',
            message: 'date 2026-12-24 is in the future; evidence is dated when it was produced',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: "date: '2026-02-30'",
        errors: [
          {
            messageId: 'date/not-a-date',
            message: 'date "2026-02-30" is not a real calendar date: February 2026 has 28 days',
            line: 4,
            column: 11,
          },
        ],
      },
      {
        entry: 'file: reports/pentest.md',
        errors: [
          {
            messageId: 'date/needed',
            message: 'SEC-2 needs the date the evidence was produced: add `date: YYYY-MM-DD`',
            line: 4,
            column: 5,
          },
        ],
      },
    ],
  },
);

// Every date an entry states must be one, whether or not the policy asks for a date there.
entryTable(dateEvidence, {
  valid: ['date: 2026-11-01', "date: '2026-06-01T09:00:00+02:00'", 'file: reports/pentest.md'],
  invalid: [
    {
      entry: "date: '2026-02-30'",
      errors: [
        {
          messageId: 'date/not-a-date',
          message: 'evidence.SEC-2.date "2026-02-30" is not a real calendar date: February 2026 has 28 days',
          line: 4,
          column: 11,
        },
      ],
    },
    {
      entry: "file: reports/pentest.md\ndate: '2026-06-01T09:00:00'",
      errors: [
        {
          messageId: 'date/not-a-date',
          message: 'evidence.SEC-2.date "2026-06-01T09:00:00" is a date-time without a time zone: add Z or an offset such as +02:00',
          line: 5,
          column: 11,
        },
      ],
    },
  ],
});

placeholderTable(dateEvidence, [
  { entry: 'date: YYYY-MM-DD', still: [['date']] },
  { entry: 'date: 2026-11-01', still: [] },
]);
