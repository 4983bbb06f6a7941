// `metrics` evidence, case by case, with each finding at its line and column in the manifest.
import { metricsEvidence } from '../../../src/core/evidence/metrics.js';
import { entryTable, evidenceTable, placeholderTable, policyTable } from './tester.js';

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

// Bounds nothing could meet, and a threshold fixed before an evaluation the policy does not have.
policyTable(metricsEvidence, {
  valid: ['metrics:\n  accuracy: { min: 0.9, max: 1 }', 'metrics:\n  accuracy: { min: 0.9, fixed_before_evaluation: [SEC-1] }'],
  invalid: [
    {
      evidence: 'metrics:\n  accuracy: { min: { low: 0.5, high: 0.99 }, max: 0.95 }',
      errors: [
        {
          messageId: 'metrics/min-above-max',
          message: 'metric accuracy has min 0.99 above max 0.95 for high risk: nothing could pass',
          line: 8,
          column: 23,
        },
      ],
    },
    {
      evidence: 'metrics:\n  accuracy: { min: 0.9, fixed_before_evaluation: [SEC-3] }',
      errors: [
        {
          messageId: 'metrics/unknown-criterion',
          message:
            'metric accuracy of SEC-2 is fixed before the evaluation of "SEC-3", which is not a criterion of the policy. Did you mean "SEC-1"? Name the criterion whose evidence is that evaluation',
          line: 8,
          column: 60,
        },
      ],
    },
  ],
});

// An artifact path out of the repository is refused with the manifest; dvc and model-card name no path.
entryTable(metricsEvidence, {
  valid: ['metrics: { from: dvc }', 'metrics: { from: model-card }', 'metrics: { from: reports/eval.json }', 'metrics: { accuracy: 0.9 }'],
  invalid: [
    {
      entry: 'metrics: { from: ../../../etc/passwd }',
      errors: [
        {
          messageId: 'metrics/path-refused',
          message: 'metrics artifact path "../../../etc/passwd" escapes the repository; evidence must live inside the repository',
          line: 4,
          column: 22,
        },
      ],
    },
  ],
});

placeholderTable(metricsEvidence, [
  {
    entry: 'metrics: { accuracy: your-measured-value, f1: 0.9, auc: your-measured-value }',
    still: [
      ['metrics', 'accuracy'],
      ['metrics', 'auc'],
    ],
  },
  { entry: 'metrics: { from: reports/eval.json }', still: [] },
]);
