// Metrics read from artifacts, source by source: found, missing, non-numeric, nested, disagreeing
// with a typed value, malformed (line and column in the artifact), outside the repository, too
// large, and a model card whose results must be picked by task and dataset.
import { describe, expect, it } from 'vitest';
import { agrees, atDottedPath } from '../../../src/core/evidence/artifacts.js';
import { metricsEvidence } from '../../../src/core/evidence/metrics.js';
import { evidenceTable } from './tester.js';

const policy = { metrics: { accuracy: { min: 0.9, metrics_source: 'artifact' as const }, f1: { min: 0.5 } } };
const EVAL = 'pilots/claims/reports/eval.json';

const texts = {
  [EVAL]: `{
  "eval": {
    "test": { "accuracy": 0.9312, "f1": 0.81, "label": "high" },
    "low": { "accuracy": 0.85, "f1": 0.7 }
  },
  "test.accuracy": 0.91,
  "f1": 0.6
}
`,
  'pilots/claims/reports/eval.yaml': 'results:\n  - split: test\n    accuracy: 0.95\n    f1: 0.9\n',
  'pilots/claims/reports/bad.json': '{\n  "accuracy": 0.93,\n  "f1": 0.8,,\n}\n',
  // Numbers only a YAML reader takes, in a file named .json: each must be refused, not read as 1 or 0.97.
  'pilots/claims/reports/hex.json': '{\n  "accuracy": 0x1,\n  "f1": 0.9\n}\n',
  'pilots/claims/reports/plus.json': '{\n  "accuracy": +0.97,\n  "f1": 0.9\n}\n',
  'pilots/claims/reports/tagged.json': '{\n  "accuracy": !!float 0.97,\n  "f1": 0.9\n}\n',
  // The same forms in a YAML file are YAML's to read, as before.
  'pilots/claims/reports/plus.yaml': 'accuracy: +0.97\nf1: !!float 0.9\n',
  'pilots/claims/reports/bomb.yaml': 'a: &a [1, 2]\nb: [*a, *a]\naccuracy: 0.95\nf1: 0.9\n',
  'pilots/claims/reports/huge.json': `{"accuracy": 0.95, "f1": 0.9, "pad": "${'x'.repeat(1024 * 1024)}"}`,
};

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [
      { entry: 'metrics: { from: reports/eval.json, prefix: eval.test }' },
      // Typed beside the artifact: the same number, or rounded to the typed decimals.
      { entry: 'metrics: { from: reports/eval.json, prefix: eval.test, accuracy: 0.93, f1: 0.81 }' },
      // A key that itself holds a dot, as some tools write; a key per metric.
      { entry: 'metrics: { from: reports/eval.json, accuracy: { key: test.accuracy }, f1: { key: eval.test.f1 } }' },
      { entry: 'metrics: { from: ./reports/eval.yaml, prefix: results.0 }' },
      { entry: 'metrics: { from: reports/plus.yaml }' },
    ],
    invalid: [
      {
        entry: 'metrics: { from: reports/eval.json, prefix: eval.low }',
        errors: [
          {
            messageId: 'metrics/below-min',
            message: 'accuracy is 0.85, below the minimum 0.9 for high risk',
            line: 4,
            column: 26,
            file: EVAL,
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/eval.json, prefix: eval.nope }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message: `metric "accuracy" is not in ${EVAL} (looked for eval.nope.accuracy)`,
            line: 4,
            column: 22,
          },
          { messageId: 'metrics/not-in-artifact', message: `metric "f1" is not in ${EVAL} (looked for eval.nope.f1)`, line: 4, column: 22 },
        ],
      },
      {
        entry: 'metrics: { from: reports/eval.json, prefix: eval.test, accuracy: { key: eval.test.label } }',
        errors: [
          {
            messageId: 'metrics/artifact-not-a-number',
            message: `metric "accuracy" in ${EVAL} (eval.test.label) must be a finite number, not the text "high"`,
            line: 3,
            column: 56,
            file: EVAL,
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/eval.json, accuracy: { key: eval.test }, f1: { key: f1 } }',
        errors: [
          {
            messageId: 'metrics/artifact-not-a-number',
            message: `metric "accuracy" in ${EVAL} (eval.test) must be a finite number, not a mapping (name a deeper key)`,
            line: 3,
            column: 13,
            file: EVAL,
          },
        ],
      },
      {
        // Typed and read disagree: wrong at both places.
        entry: 'metrics: { from: reports/eval.json, prefix: eval.test, accuracy: 0.95 }',
        errors: [
          {
            messageId: 'metrics/disagrees',
            message: `accuracy is 0.95 in the manifest but 0.9312 in ${EVAL} (eval.test.accuracy): correct the manifest or remove the typed value`,
            line: 4,
            column: 70,
          },
          {
            messageId: 'metrics/disagrees',
            message: `accuracy is 0.95 in the manifest but 0.9312 in ${EVAL} (eval.test.accuracy): correct the manifest or remove the typed value`,
            line: 3,
            column: 27,
            file: EVAL,
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/bad.json }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: 'JSON syntax error: expected a key in double quotes, found ","',
            line: 3,
            column: 13,
            file: 'pilots/claims/reports/bad.json',
          },
        ],
      },
      ...(
        [
          ['hex.json', 'JSON numbers are decimal: write 0x1 as 1'],
          ['plus.json', 'a JSON number has no + sign: write +0.97 as 0.97'],
          ['tagged.json', 'YAML tags (!!float) are not JSON: write the number alone'],
        ] as const
      ).map(([name, why]) => ({
        entry: `metrics: { from: reports/${name} }`,
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: `JSON syntax error: ${why}`,
            line: 2,
            column: 15,
            file: `pilots/claims/reports/${name}`,
          },
        ],
      })),
      {
        entry: 'metrics: { from: reports/bomb.yaml }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: 'anchors and aliases (&name / *name) are not accepted here: they allow alias bombs; write the value out',
            line: 1,
            column: 4,
            file: 'pilots/claims/reports/bomb.yaml',
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/huge.json }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: `metrics artifact pilots/claims/reports/huge.json cannot be read: it is ${1024 * 1024 + 40} bytes; the limit is 1048576 bytes (1 MiB)`,
            line: 4,
            column: 22,
          },
        ],
      },
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
      {
        entry: 'metrics: { from: /etc/passwd }',
        errors: [
          {
            messageId: 'metrics/path-refused',
            message: `metrics artifact path "/etc/passwd" is absolute; write it relative to the manifest's folder`,
            line: 4,
            column: 22,
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/link.md }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message:
              'metrics artifact pilots/claims/reports/link.md is a symbolic link that points outside the repository; commit the file itself',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        entry: 'metrics: { from: reports/none.json }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: 'metrics artifact pilots/claims/reports/none.json does not exist in the repository',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        // The policy wants accuracy from an artifact; f1 may be typed, but a key needs an artifact.
        entry: 'metrics: { accuracy: 0.95, f1: { key: eval.f1 } }',
        errors: [
          {
            messageId: 'metrics/artifact-required',
            message:
              'metric "accuracy" must be read from the evaluation\'s own output (the policy sets metrics_source: artifact for it): name the file with metrics: { from: reports/eval.json }, from: dvc or from: model-card',
            line: 4,
            column: 26,
          },
          {
            messageId: 'metrics/key-without-artifact',
            message: 'metric "f1" names a key but the entry names no artifact: add from: to metrics',
            line: 4,
            column: 36,
          },
        ],
      },
    ],
  },
  texts,
  'metrics from a JSON or YAML file',
);

// ---------------------------------------------------------------- DVC

const DVC = `stages:
  train:
    cmd: python train.py
    metrics:
      - metrics/train.json:
          cache: false
  evaluate:
    cmd: python evaluate.py
    metrics:
      - metrics/eval.yaml
`;

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [{ entry: 'metrics: { from: dvc }' }, { entry: 'metrics: { from: dvc, f1: { key: f1 }, accuracy: 0.93 }' }],
    invalid: [
      {
        entry: 'metrics: { from: dvc, prefix: test }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message: 'metric "accuracy" is in none of the DVC metrics files of pilots/claims/dvc.yaml (looked for test.accuracy)',
            line: 4,
            column: 22,
          },
          {
            messageId: 'metrics/not-in-artifact',
            message: 'metric "f1" is in none of the DVC metrics files of pilots/claims/dvc.yaml (looked for test.f1)',
            line: 4,
            column: 22,
          },
        ],
      },
    ],
  },
  {
    'pilots/claims/dvc.yaml': DVC,
    'pilots/claims/metrics/train.json': '{ "train": { "loss": 0.21, "accuracy": 0.99 } }',
    'pilots/claims/metrics/eval.yaml': 'accuracy: 0.93\nf1: 0.81\n',
  },
  'metrics from the DVC metrics files',
);

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [],
    invalid: [
      {
        // The same name in two metrics files, with two values (accuracy) or one (f1): fail closed
        // rather than pick one, naming both places.
        entry: 'metrics: { from: dvc }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message:
              'metric "accuracy" (accuracy) is in 2 DVC metrics files: pilots/claims/metrics/train.json:1:15 reads 0.99 and pilots/claims/metrics/eval.yaml:1:11 reads 0.93; name one file with from: instead of dvc, or a key: only one file holds',
            line: 1,
            column: 11,
            file: 'pilots/claims/metrics/eval.yaml',
          },
          {
            messageId: 'metrics/not-in-artifact',
            message:
              'metric "f1" (f1) is in 2 DVC metrics files: pilots/claims/metrics/train.json:1:27 reads 0.81 and pilots/claims/metrics/eval.yaml:2:5 reads 0.81; name one file with from: instead of dvc, or a key: only one file holds',
            line: 2,
            column: 5,
            file: 'pilots/claims/metrics/eval.yaml',
          },
        ],
      },
    ],
  },
  {
    'pilots/claims/dvc.yaml': DVC,
    'pilots/claims/metrics/train.json': '{ "accuracy": 0.99, "f1": 0.81 }',
    'pilots/claims/metrics/eval.yaml': 'accuracy: 0.93\nf1: 0.81\n',
  },
  'DVC metrics that disagree',
);

evidenceTable(
  metricsEvidence,
  policy,
  // One file declared twice (at the top and in a stage, spelled ./ once): read once, never "in 2 files".
  { valid: [{ entry: 'metrics: { from: dvc }' }], invalid: [] },
  {
    'pilots/claims/dvc.yaml': `metrics:\n  - metrics/eval.yaml\nstages:\n  evaluate:\n    cmd: python evaluate.py\n    metrics:\n      - ./metrics/eval.yaml\n`,
    'pilots/claims/metrics/eval.yaml': 'accuracy: 0.93\nf1: 0.81\n',
  },
  'one DVC metrics file declared twice',
);

const PER_CLASS = '{ "a": 0.91, "b": 0.92, "c": 0.93, "d": 0.94, "e": 0.95, "f": 0.96 }';

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [
      // A key only one of the files holds picks that file: the manifest disambiguates.
      { entry: 'metrics: { from: dvc, accuracy: { key: eval.accuracy }, f1: { key: eval.f1 } }' },
    ],
    invalid: [
      {
        // The same name in two metrics files with the same value: which file is the evidence is still
        // unclear (one may be stale), so both files are named and nothing is read.
        entry: 'metrics: { from: dvc, prefix: shared }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message:
              'metric "accuracy" (shared.accuracy) is in 2 DVC metrics files: pilots/claims/metrics/train.json:1:27 reads 0.93 and pilots/claims/metrics/eval.yaml:6:13 reads 0.93; name one file with from: instead of dvc, or a key: only one file holds',
            line: 6,
            column: 13,
            file: 'pilots/claims/metrics/eval.yaml',
          },
          {
            messageId: 'metrics/not-in-artifact',
            message: 'metric "f1" is in none of the DVC metrics files of pilots/claims/dvc.yaml (looked for shared.f1)',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        // One file is ambiguous about the metric (a dotted key beside the nested one, two values); the
        // other file's clean value must not stand in for it.
        entry: 'metrics: { from: dvc, prefix: test }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message:
              'metric "accuracy" is ambiguous in pilots/claims/metrics/train.json: test.accuracy reads 0.95 at test.accuracy and 0.5 at test > accuracy; remove one, or name the key exactly',
            line: 1,
            column: 80,
            file: 'pilots/claims/metrics/train.json',
          },
          {
            messageId: 'metrics/not-in-artifact',
            message: 'metric "f1" is in none of the DVC metrics files of pilots/claims/dvc.yaml (looked for test.f1)',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        // A whole mapping in both files: the message shows the start of each, not all of it.
        entry: 'metrics: { from: dvc, accuracy: { key: per_class }, f1: { key: eval.f1 } }',
        errors: [
          {
            messageId: 'metrics/not-in-artifact',
            message: `metric "accuracy" (per_class) is in 2 DVC metrics files: pilots/claims/metrics/train.json:1:100 reads {"a":0.91,"b":0.92,"c":0.93,"d":0.94,"e"… and pilots/claims/metrics/eval.yaml:7:12 reads {"a":0.91,"b":0.92,"c":0.93,"d":0.94,"e"…; name one file with from: instead of dvc, or a key: only one file holds`,
            line: 7,
            column: 12,
            file: 'pilots/claims/metrics/eval.yaml',
          },
        ],
      },
    ],
  },
  {
    'pilots/claims/dvc.yaml': DVC,
    'pilots/claims/metrics/train.json': `{ "shared": { "accuracy": 0.93 }, "test.accuracy": 0.95, "test": { "accuracy": 0.5 }, "per_class": ${PER_CLASS} }`,
    'pilots/claims/metrics/eval.yaml': `eval:\n  accuracy: 0.93\n  f1: 0.81\ntest: { accuracy: 0.97 }\nshared:\n  accuracy: 0.93\nper_class: ${PER_CLASS}\n`,
  },
  'DVC metrics: one name in two files, or ambiguous in one',
);

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [],
    invalid: [
      {
        entry: 'metrics: { from: dvc }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: 'metrics file "../../../secrets.json" escapes the repository; evidence must live inside the repository',
            line: 2,
            column: 5,
            file: 'pilots/claims/dvc.yaml',
          },
        ],
      },
    ],
  },
  { 'pilots/claims/dvc.yaml': 'metrics:\n  - ../../../secrets.json\n' },
  'a dvc.yaml naming a file outside the repository',
);

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [],
    invalid: [
      {
        entry: 'metrics: { from: dvc }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: `metrics: { from: dvc } reads the pilot's dvc.yaml, but there is none (looked for pilots/claims/dvc.yaml)`,
            line: 4,
            column: 22,
          },
        ],
      },
    ],
  },
  {},
  'from: dvc without a dvc.yaml',
);

// ---------------------------------------------------------------- Hugging Face model card

const CARD = `---
license: apache-2.0
model-index:
  - name: claims-router
    results:
      - task: { type: text-classification, name: Claim routing }
        dataset: { type: acme/claims, name: Holdout 2026-Q3, split: test }
        metrics:
          - { type: accuracy, value: 0.93 }
          - { type: f1, value: 0.81, name: Macro F1 }
      - task: { type: text-classification, name: Claim routing }
        dataset: { type: acme/claims, name: Validation 2026-Q2, split: validation }
        metrics:
          - { type: accuracy, value: 0.97 }
          - { type: f1, value: 0.9 }
      - task: { type: summarization }
        dataset: { type: acme/claims, name: Holdout 2026-Q3 }
        metrics:
          - { type: accuracy, value: 0.5 }
---

# Claims router
`;

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [
      { entry: 'metrics: { from: model-card, task: text-classification, dataset: Holdout 2026-Q3 }' },
      { entry: 'metrics: { from: model-card, task: Claim routing, dataset: Holdout 2026-Q3, accuracy: 0.93 }' },
      { entry: 'metrics: { from: model-card, dataset: Validation 2026-Q2, f1: { key: f1 } }' },
    ],
    invalid: [
      {
        // Several results fit what the entry names: the picker refuses to guess.
        entry: 'metrics: { from: model-card, dataset: Holdout 2026-Q3 }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message:
              '2 results in pilots/claims/README.md\'s model-index fit dataset "Holdout 2026-Q3" (text-classification on Holdout 2026-Q3; summarization on Holdout 2026-Q3); name the result\'s task and dataset under metrics to choose one',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        entry: 'metrics: { from: model-card, task: text-classification, dataset: Test 2027 }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message:
              'no result in pilots/claims/README.md\'s model-index has task "text-classification" and dataset "Test 2027" (results: text-classification on Holdout 2026-Q3; text-classification on Validation 2026-Q2; summarization on Holdout 2026-Q3)',
            line: 4,
            column: 22,
          },
        ],
      },
      {
        entry: 'metrics: { from: model-card, task: summarization }',
        errors: [
          {
            messageId: 'metrics/below-min',
            message: 'accuracy is 0.5, below the minimum 0.9 for high risk',
            line: 19,
            column: 38,
            file: 'pilots/claims/README.md',
          },
          {
            messageId: 'metrics/not-in-artifact',
            message:
              'metric "f1" is not among the metrics of pilots/claims/README.md\'s result for summarization on Holdout 2026-Q3 (looked for type f1)',
            line: 4,
            column: 22,
          },
        ],
      },
    ],
  },
  { 'pilots/claims/README.md': CARD },
  'metrics from a model card',
);

evidenceTable(
  metricsEvidence,
  policy,
  {
    valid: [],
    invalid: [
      {
        entry: 'metrics: { from: model-card }',
        errors: [
          {
            messageId: 'metrics/artifact-unusable',
            message: 'pilots/claims/README.md has no YAML front matter (a block between --- lines at its top) holding the model-index',
            line: 1,
            column: 1,
            file: 'pilots/claims/README.md',
          },
        ],
      },
    ],
  },
  { 'pilots/claims/README.md': '# A model\n\nNo metadata here.\n' },
  'a model card without front matter',
);

describe('dotted paths and agreement', () => {
  it('reads keys that hold dots and nested keys alike, indexes sequences, and refuses what is not there', () => {
    expect(atDottedPath({ a: { 'b.c': 1 } }, 'a.b.c')).toEqual({ path: ['a', 'b.c'], value: 1 });
    expect(atDottedPath({ list: [{ x: 3 }] }, 'list.0.x')).toEqual({ path: ['list', 0, 'x'], value: 3 });
    expect(atDottedPath({ list: [{ x: 3 }] }, 'list.1.x')).toBeNull();
    expect(atDottedPath({ a: 1 }, 'a.nope')).toBeNull();
    expect(atDottedPath({}, '__proto__')).toBeNull();
    // Two readings of one path that agree are one value; two that differ are refused, never picked.
    expect(atDottedPath({ a: { 'b.c': 2, b: { c: 2 } } }, 'a.b.c')).toEqual({ path: ['a', 'b.c'], value: 2 });
    expect(atDottedPath({ a: { 'b.c': 1, b: { c: 2 } } }, 'a.b.c')).toEqual({
      path: ['a', 'b.c'],
      value: 1,
      ambiguous: [
        { path: ['a', 'b.c'], value: 1 },
        { path: ['a', 'b', 'c'], value: 2 },
      ],
    });
  });

  it('a typed value agrees when equal or rounded to its own decimals, never otherwise', () => {
    expect(agrees(0.93, 0.9312)).toBe(true);
    expect(agrees(0.9312, 0.9312)).toBe(true);
    expect(agrees(0.94, 0.9312)).toBe(false);
    expect(agrees(1, 0.6)).toBe(false);
    expect(agrees(1, 1.4)).toBe(false);
    expect(agrees(0, 0)).toBe(true);
    expect(agrees(1e-7, 1.2e-7)).toBe(false);
  });
});
