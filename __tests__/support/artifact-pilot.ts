// The pilot the artifact attacks share (__tests__/adversarial/artifacts.test.ts, cli-commit.test.ts): a
// policy whose BUS-3 reads its margin from the evaluation's own output and whose OPS-2 wants a real
// rollback plan, the plan itself, and an evaluation output with a given margin.

export const POLICY = `version: 1
roles:
  owner: { accountable: true }
gates:
  - id: business
    title: Business
    criteria:
      - id: BUS-3
        title: Beats the baseline
        description: d
        required_for: [low]
        allow_not_applicable: false
        evidence:
          metrics:
            margin_over_baseline: { min: 0, metrics_source: artifact }
      - id: OPS-2
        title: Rollback
        description: d
        required_for: [low]
        allow_not_applicable: false
        evidence:
          file: { min_bytes: 100, headings: [Procedure, Last tested] }
`;

export const ROLLBACK = `# Rollback\n\n## Procedure\n\nRepoint serving to the previous model version with deployctl.\n\n## Last tested\n\n2026-10-21, in staging.\n`;

/** An evaluation's JSON output: the margin (as written, any text) at line 1, column 49. */
export const EVAL = (margin: string) => `{ "metric": "accuracy", "margin_over_baseline": ${margin} }\n`;
