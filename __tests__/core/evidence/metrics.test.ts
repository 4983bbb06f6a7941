// `metrics` evidence, case by case, with each finding at its line and column in the manifest.
import { metricsEvidence } from '../../../src/core/evidence/metrics.js';
import { evidenceTable } from './tester.js';

const policy = {
  metrics: {
    completeness: { min: 0.98 },
    open_critical_findings: { max: 0 },
    retention_days: { min: { low: 30, high: 183 }, unit: 'days' },
  },
};
const GOOD = 'metrics:\n  completeness: 0.99\n  open_critical_findings: 0\n  retention_days: 200';

evidenceTable(metricsEvidence, policy, {
  valid: [{ entry: GOOD }, { entry: 'metrics: { completeness: 0.98, open_critical_findings: 0, retention_days: 90 }', tier: 'low' }],
  invalid: [
    {
      entry: 'metrics:\n  completeness: 0.91\n  open_critical_findings: 2\n  retention_days: 90',
      errors: [
        { messageId: 'metrics/below-min', message: 'completeness is 0.91, below the minimum 0.98 for high risk', line: 5, column: 21 },
        { messageId: 'metrics/above-max', message: 'open_critical_findings is 2, above the maximum 0 for high risk', line: 6, column: 31 },
        {
          messageId: 'metrics/below-min',
          message: 'retention_days is 90 days, below the minimum 183 days for high risk',
          line: 7,
          column: 23,
        },
      ],
    },
    {
      entry: 'metrics:\n  completeness: 0.99',
      errors: [
        { messageId: 'metrics/missing', message: 'metric "open_critical_findings" is missing: add it under metrics', line: 5, column: 7 },
        { messageId: 'metrics/missing', message: 'metric "retention_days" is missing: add it under metrics', line: 5, column: 7 },
      ],
    },
    {
      entry: 'file: reports/pentest.md',
      errors: [
        { messageId: 'metrics/missing', message: 'metric "completeness" is missing: add it under metrics', line: 4, column: 5 },
        { messageId: 'metrics/missing', message: 'metric "open_critical_findings" is missing: add it under metrics', line: 4, column: 5 },
        { messageId: 'metrics/missing', message: 'metric "retention_days" is missing: add it under metrics', line: 4, column: 5 },
      ],
    },
    {
      entry: 'metrics:\n  completeness: .nan\n  open_critical_findings: 0\n  retention_days: 200',
      errors: [{ messageId: 'metrics/not-finite', message: 'metric "completeness" must be a finite number', line: 5, column: 21 }],
    },
  ],
});
