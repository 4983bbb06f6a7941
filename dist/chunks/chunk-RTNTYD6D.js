import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{f as d}from"./chunk-74XRAHDJ.js";var h={},r={default:{text:`# pilot-readiness: the bundled default policy
#
# What a model-deployment pull request must show before it may go to production, for
# organisations that have not written their own policy yet. It settles three things before
# anyone argues about a particular pilot:
#
#   1. Who decides. One accountable owner approves; legal and security are consulted within
#      fixed windows. An objection blocks, and silence after the window counts as consent, so
#      a review can no longer stall a pilot by never happening. The one exception is EXP-2
#      for high-risk pilots: texts that speak to customers need legal's explicit approval.
#   2. Whether the data can carry the pilot. The pre-pilot gate is meant to be assessed before
#      the model is built, while data problems are still cheap to fix.
#   3. What "production ready" means. 23 criteria in five production gates, scaled by the
#      pilot's risk tier: low needs 11, medium 20, high all 23.
#
# Each criterion names the evidence a pilot's manifest (pilot-readiness.yml) must point to.
# Evidence paths are relative to the manifest's folder, by convention:
#   docs/     documents the team writes and maintains
#   reports/  dated results of a test, scan, review or evaluation
#   ops/      operational configuration and procedures kept as code
#
# Thresholds are starting points chosen for this policy, not quotations from a standard.
# The references map each criterion to NIST AI RMF 1.0, the EU AI Act (Regulation 2024/1689),
# the ML Test Score (Breck et al., 2017) and ISO/IEC 42001:2023 Annex A, so that a reviewer
# can see which obligation a piece of evidence answers.
#
# To adapt it, keep your own copy on the base branch or in a central policy repository. A
# policy is never read from the pull request it judges.

version: 1
name: default
description: >-
  One accountable owner, legal and security consulted within fixed windows, a pre-pilot data
  readiness gate and 23 production criteria in five gates, scaled by risk tier.

# Any new commit makes earlier approvals stale. With "governed", only commits touching
# governed_paths would, which suits repositories where unrelated code shares the PR; add your
# evidence folders to the list before switching, or a report could change after approval.
invalidate_on_push: any

# A waiver lets a pilot go ahead without one piece of evidence for a while: only for the criteria
# marked \`waivable\` (documentation and preparation that can follow soon after, never security,
# compliance or data quality), approved by a named role, and for at most this long. A layer that
# extends this policy may shorten it or make a criterion unwaivable, never the reverse.
max_waiver: 60d

# A pull request that lowers a pilot's risk tier (say high to low) would be judged against fewer
# criteria. It takes effect only when the owner on the base branch and this role approve the head
# commit; until then the pilot is judged at its base tier. Legal already reviews the classification (CMP-1).
tier_confirmed_by: legal

# Numbers the gate judges come from the evaluation's own output where it fits (metrics_source:
# artifact): the data profile (DR-2), the penetration test's open findings (SEC-2) and the
# evaluation against the baseline (BUS-3) name the file they come from (metrics: { from: ... }: a
# JSON or YAML output, the pilot's DVC metrics, or its Hugging Face model card), and a number typed
# beside it must agree. BUS-2's threshold is fixed before the evaluation: a pull request that
# changes it together with BUS-3's evaluation needs the base branch owner's approval (no
# thresholds_confirmed_by role is named here, so the owner's alone).
governed_paths:
  - "**/pilot-readiness.yml"
  - "**/pilot-readiness.yaml"
  - "models/**"
  - "deploy/**"
  - "serving/**"
  - "**/*.onnx"
  - "**/*.safetensors"
  - "**/*.pt"
  - "**/*.pth"
  - "**/*.pkl"
  - "**/*.joblib"
  - "**/*.gguf"

roles:
  owner:
    accountable: true
    title: Accountable executive
    # Opening the PR and approving it are different acts; one person should not do both.
    allow_self: false

  legal:
    title: Legal and compliance
    description: >-
      Confirms which laws and AI Act obligations apply to the pilot and that the documents
      answering them are adequate. Consulted, not co-owner. Consulted at every tier: legal's
      review of the regulatory scope (CMP-1) is what confirms the risk tier itself, so a team
      cannot label its own pilot low-risk unchecked.
    window: 14d
    on_silence: consent
    on_objection: block
    required_for: [low, medium, high]

  security:
    title: Security
    description: >-
      Assesses the pilot's attack surface, access to the model and its data, and the integrity
      of what is shipped. Consulted, not co-owner.
    window: 7d
    on_silence: consent
    on_objection: block
    required_for: [low, medium, high]

gates:
  # ------------------------------------------------------------------ before the pilot

  - id: data-readiness
    title: Data readiness
    stage: pre-pilot
    description: >-
      Assessed before the pilot is built: where the data comes from, how good it is, who can
      reach it, what personal data it holds and whether production systems can supply it.
    criteria:
      - id: DR-1
        title: Lineage map
        description: >-
          A map of every source the model reads. For each one it names the owning team, the
          system of record, the transformations applied on the way in and how often it refreshes.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
        references:
          nist_ai_rmf: [MAP 2.3, MAP 4.1, GOVERN 6.1]
          eu_ai_act: [Art. 10(2)(b), Art. 10(2)(c)]
          iso_42001: [A.7.5]

      - id: DR-2
        title: Quality baseline
        description: >-
          A profile of the data as it is today, no older than a month, measured on the fields
          the model needs. It reports the four figures below and how each was computed.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: 30d }
          metrics:
            completeness:
              min: 0.98
              metrics_source: artifact
              description: Share of required fields that are populated.
            accuracy:
              min: 0.95
              metrics_source: artifact
              description: Share of sampled values or labels confirmed against a source of truth or a second annotator.
            consistency:
              min: 0.995
              metrics_source: artifact
              description: Share of records that pass cross-field and cross-system rules.
            duplicate_rate:
              max: 0.01
              metrics_source: artifact
              description: Share of records that repeat another record.
        references:
          nist_ai_rmf: [MAP 2.3, MEASURE 2.1]
          eu_ai_act: [Art. 10(3)]
          ml_test_score: [Data 1]
          iso_42001: [A.7.4]

      - id: DR-3
        title: Representativeness and bias
        description: >-
          The groups or segments the pilot must serve well are declared, and a report compares
          their share in the data with their share in the population served. Every declared
          group has enough records to evaluate on its own.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            min_group_size:
              min: 100
              unit: records
              description: Records in the smallest declared group.
        references:
          nist_ai_rmf: [MEASURE 2.11]
          eu_ai_act: [Art. 10(2)(f), Art. 10(2)(g), Art. 10(2)(h)]
          iso_42001: [A.7.4]

      - id: DR-4
        title: Data access and security audit
        description: >-
          A review, within the last 90 days, of who can read and write each source, the
          training copies and the feature store, with excess access removed.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: 90d }
        references:
          nist_ai_rmf: [MEASURE 2.7]
          eu_ai_act: [Art. 10(5)(c), Art. 15]
          ml_test_score: [Data 5]

      - id: DR-5
        title: Personal data and privacy
        description: >-
          An inventory of the personal data involved, its lawful basis and retention, with a link
          to the data protection impact assessment (GDPR Art. 35) or the reason none is needed.
          Not applicable only when no personal data reaches the pilot at all.
        required_for: [low, medium, high]
        allow_not_applicable: true
        evidence:
          file: { paths: ["docs/**"] }
          date: { max_age: 365d }
        references:
          nist_ai_rmf: [MEASURE 2.10]
          eu_ai_act: [Art. 10(5)]
          ml_test_score: [Data 5]

      - id: DR-6
        title: Integration assessment
        description: >-
          Evidence that production systems can supply every feature the model uses within the
          latency it needs, and a parity test showing features computed at serving time match
          those used in training.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            unavailable_features:
              max: 0
              unit: features
              description: Features the model uses that no production system can supply in time.
            serving_parity:
              min: 0.99
              description: Share of sampled records whose serving-time features equal the training-time values.
        references:
          nist_ai_rmf: [MEASURE 2.3, MAP 4.2]
          eu_ai_act: [Art. 26(4)]
          ml_test_score: [Monitor 3]

      - id: DR-7
        title: Datasheet
        description: >-
          A datasheet for each training dataset: why it was assembled, what it contains, how it
          was collected and cleaned, what it should and should not be used for, and who
          maintains it.
        required_for: [medium, high]
        allow_not_applicable: false
        waivable: true
        evidence:
          file: { paths: ["docs/**"] }
        references:
          nist_ai_rmf: [MAP 2.3, MEASURE 2.1]
          eu_ai_act: [Art. 11, Annex IV]
          iso_42001: [A.7.5]

  # ------------------------------------------------------------------ production gates

  - id: security
    title: Security clearance
    stage: production
    description: The model, its data and its supply chain have been attacked, reviewed and scanned.
    criteria:
      - id: SEC-1
        title: AI threat model
        description: >-
          A threat model, reviewed within the year, covering attacks specific to machine learning:
          poisoning of training data, evasion, model or data extraction and, for generative
          models, prompt injection. Each threat has a mitigation or an accepted risk.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
          date: { max_age: 365d }
        references:
          nist_ai_rmf: [MAP 4.2, MEASURE 2.7]
          eu_ai_act: [Art. 15(5)]

      - id: SEC-2
        title: Penetration test including adversarial testing
        description: >-
          A dated penetration test of the serving endpoint and its surroundings that includes
          adversarial inputs against the model. No critical or high finding may remain open.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: { low: 365d, medium: 365d, high: 180d } }
          metrics:
            open_critical_findings: { max: 0, unit: findings, metrics_source: artifact }
            open_high_findings: { max: 0, unit: findings, metrics_source: artifact }
        references:
          nist_ai_rmf: [MEASURE 2.7, MEASURE 2.6]
          eu_ai_act: [Art. 15(4), Art. 15(5)]
          iso_42001: [A.6.2.4]

      - id: SEC-3
        title: Access controls verified
        description: >-
          An access review, within the last 90 days, of the inference endpoint, the model
          registry and the training data, listing who holds each permission and why.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: 90d }
        references:
          nist_ai_rmf: [MAP 4.2, GOVERN 2.1]
          eu_ai_act: [Art. 15, Art. 10(5)]
          ml_test_score: [Data 5]

      - id: SEC-4
        title: Encryption validated
        description: >-
          A configuration scan, within the last 90 days, showing that every store holding the
          model or its data is encrypted at rest and that traffic uses TLS 1.2 or later.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: 90d }
          metrics:
            min_tls_version:
              min: 1.2
              description: Lowest TLS version any endpoint on the path still accepts.
            unencrypted_stores:
              max: 0
              unit: stores
        references:
          nist_ai_rmf: [MEASURE 2.7, MEASURE 2.10]
          eu_ai_act: [Art. 15]
          ml_test_score: [Data 5]

      - id: SEC-5
        title: Supply chain and artefact integrity
        description: >-
          A software bill of materials and a dependency scan from the last 30 days with no
          critical vulnerability, and a check that the digest of the model being deployed
          matches the one recorded in the registry.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          date: { max_age: 30d }
          metrics:
            critical_cves: { max: 0, unit: vulnerabilities }
            digest_mismatches:
              max: 0
              unit: artefacts
              description: Deployed artefacts whose digest differs from the registry's.
        references:
          nist_ai_rmf: [GOVERN 6.1, MANAGE 3.1, MANAGE 3.2]
          eu_ai_act: [Art. 15, Art. 25]
          ml_test_score: [Monitor 1]
          iso_42001: [A.10.3]

  - id: compliance
    title: Compliance validation
    stage: production
    description: The pilot's legal scope is known, its risks are treated and its decisions can be reconstructed.
    criteria:
      - id: CMP-1
        title: Regulatory scope and risk tier
        description: >-
          A classification of the pilot, reviewed within the year: the laws that apply, its AI
          Act category (prohibited, high-risk, transparency duties or minimal) and the reasoning
          behind the risk tier declared in the manifest. Legal reviews it within its window.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
          date: { max_age: 365d }
        references:
          nist_ai_rmf: [GOVERN 1.1, MAP 1.1, MAP 1.5]
          eu_ai_act: [Art. 5, Art. 6, Annex III, Art. 50]

      - id: CMP-2
        title: Risk and impact assessment
        description: >-
          A risk register, reviewed within the year, giving each risk an owner and a treatment,
          with links to the data protection or fundamental-rights impact assessment where one is
          required. Every risk has a treatment.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
          date: { max_age: 365d }
          metrics:
            untreated_risks: { max: 0, unit: risks }
        references:
          nist_ai_rmf: [MAP 5.1, MANAGE 1.2, MANAGE 1.3, MANAGE 1.4, GOVERN 2.3]
          eu_ai_act: [Art. 9, Art. 27]
          iso_42001: [A.5.2]

      - id: CMP-3
        title: Audit trail established
        description: >-
          Every release records the commit, the data snapshot's hash, the configuration and the
          evaluation run, and inference logs are kept long enough to reconstruct a decision. The
          evidence shows where both are kept and the configured log retention.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**", "ops/**"] }
          metrics:
            # High-risk systems must keep logs for at least six months (AI Act Art. 19, 26(6)).
            log_retention_days:
              min: { low: 30, medium: 90, high: 183 }
              unit: days
        references:
          nist_ai_rmf: [MEASURE 2.8, GOVERN 4.3]
          eu_ai_act: [Art. 12, Art. 19, Art. 26(6)]
          ml_test_score: [Model 1, Infra 1]
          iso_42001: [A.6.2.8]

      - id: CMP-4
        title: Documentation complete
        description: >-
          A model card covering intended use, training data, evaluation, limitations and
          ethical considerations, and an index of the technical documentation under the AI Act
          Annex IV headings pointing to where each item lives.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
        references:
          nist_ai_rmf: [MAP 2.2, GOVERN 4.2, MEASURE 2.1]
          eu_ai_act: [Art. 11, Annex IV, Art. 13]
          iso_42001: [A.6.2.7]

      - id: CMP-5
        title: Fairness evaluation
        description: >-
          Outcomes compared across each declared group: the lowest group's selection rate is at
          least four fifths of the highest, and true positive rates differ by no more than 0.05. Not applicable only when no person-level attribute or close proxy reaches the model.
        required_for: [medium, high]
        allow_not_applicable: true
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            selection_rate_ratio:
              min: 0.8
              description: Lowest group selection rate divided by the highest (the four-fifths rule).
            tpr_gap:
              max: 0.05
              description: Largest difference in true positive rate between two groups.
        references:
          nist_ai_rmf: [MEASURE 2.11]
          eu_ai_act: [Art. 10(2)(f), Art. 10(2)(g)]
          ml_test_score: [Model 6, Model 7]
          iso_42001: [A.5.4]

  - id: business
    title: Business metrics defined
    stage: production
    description: Value is measured, the bar for success was set in advance and the model clears it.
    criteria:
      - id: BUS-1
        title: How value is measured
        description: >-
          The business measure the pilot is meant to move: its definition, the data it is
          computed from, who owns it and how often it is reported.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**"] }
        references:
          nist_ai_rmf: [MAP 1.3, MAP 1.4, MAP 3.1]
          ml_test_score: [Model 2]

      - id: BUS-2
        title: Success threshold set before evaluation
        description: >-
          The baseline, the target and the go/no-go threshold on that measure, committed to the
          repository before the evaluation run so the bar cannot move to meet the result.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          metrics:
            baseline:
              description: The measure as it stands without the model.
            target:
              description: What the pilot aims to reach.
            threshold:
              description: The least result that justifies going to production.
              fixed_before_evaluation: [BUS-3]
        references:
          nist_ai_rmf: [MEASURE 1.1, MANAGE 1.1]
          eu_ai_act: [Art. 9(8), Art. 15(3)]
          ml_test_score: [Infra 4]

      - id: BUS-3
        title: Beats the baseline
        description: >-
          An evaluation on held-out data comparing the candidate with both the current model (or
          process) and a simple baseline, on the metric it is judged by. The margin is the
          candidate's score minus the better of the two, and it must not be negative.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            margin_over_baseline:
              min: 0
              metrics_source: artifact
              description: Candidate score minus the best of the current model and a simple baseline.
        references:
          nist_ai_rmf: [MEASURE 2.3, MEASURE 2.5]
          eu_ai_act: [Art. 15(1)]
          ml_test_score: [Model 5]
          iso_42001: [A.6.2.4]

      - id: BUS-4
        title: Cost of errors and alternatives
        description: >-
          What a false positive and a false negative each cost, in money or time, and the
          non-AI alternatives that were considered and why they were not enough.
        required_for: [high]
        allow_not_applicable: false
        waivable: true
        evidence:
          file: { paths: ["docs/**"] }
          metrics:
            cost_false_positive:
              description: Cost of one false positive, in the unit the manifest states.
            cost_false_negative:
              description: Cost of one false negative, in the unit the manifest states.
        references:
          nist_ai_rmf: [MAP 3.2, MANAGE 2.1]

  - id: operations
    title: Operational readiness
    stage: production
    description: Someone is watching the model, knows how to roll it back and is trained to support it.
    criteria:
      - id: OPS-1
        title: Monitoring in place
        description: >-
          Alert rules kept as code for input drift, broken data invariants, prediction quality,
          latency and error rate, each routed to an on-call rotation.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["ops/**"] }
        references:
          nist_ai_rmf: [MEASURE 2.4, MANAGE 4.1]
          eu_ai_act: [Art. 72, Art. 26(5)]
          ml_test_score: [Monitor 2, Monitor 3, Monitor 4, Monitor 5, Monitor 6, Monitor 7]
          iso_42001: [A.6.2.6]

      - id: OPS-2
        title: Rollback plan documented and tested
        description: >-
          A written procedure for returning to the previous model or to the non-AI process, and
          a drill within the last 90 days showing it restored service within 15 minutes.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          # The procedure and the drill that tested it: a stub file is not a rollback plan.
          file: { paths: ["ops/**", "reports/**"], min_bytes: 200, headings: ["Procedure", "Last tested"] }
          date: { max_age: 90d }
          metrics:
            recovery_minutes:
              max: 15
              unit: minutes
              description: Time from the decision to roll back until service was restored in the drill.
        references:
          nist_ai_rmf: [MANAGE 2.4]
          eu_ai_act: [Art. 14(4)(e)]
          ml_test_score: [Infra 7]

      - id: OPS-3
        title: Staged rollout
        description: >-
          Rollout configuration kept as code that sends the model a small share of traffic first,
          as a canary or in shadow, and aborts automatically when its guard metrics degrade.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["ops/**"] }
        references:
          nist_ai_rmf: [MANAGE 2.2, MEASURE 2.6]
          eu_ai_act: [Art. 15(4)]
          ml_test_score: [Infra 6]
          iso_42001: [A.6.2.5]

      - id: OPS-4
        title: Support team trained
        description: >-
          A record of training given to the people who will support the model within the last
          year, naming the support owner, and a link to the on-call schedule.
        required_for: [medium, high]
        allow_not_applicable: false
        waivable: true
        evidence:
          file: { paths: ["reports/**", "docs/**"] }
          date: { max_age: 365d }
          link: { pattern: "^https://" }
        references:
          nist_ai_rmf: [GOVERN 2.1, GOVERN 2.2, MAP 3.4]
          eu_ai_act: [Art. 4, Art. 26(2)]
          iso_42001: [A.3.2]

      - id: OPS-5
        title: Incident response
        description: >-
          A runbook giving severities, escalation contacts and the path for reporting a serious
          incident to the authorities, exercised within the last year. The date is that of the
          last exercise.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["ops/**", "docs/**"] }
          date: { max_age: 365d }
        references:
          nist_ai_rmf: [MANAGE 4.3, MANAGE 2.3]
          eu_ai_act: [Art. 20, Art. 73]
          iso_42001: [A.8.4]

      - id: OPS-6
        title: Pipeline tested and reproducible
        description: >-
          The pipeline's tests pass in CI, and retraining from the recorded data snapshot and
          configuration reproduces the headline metric to within a hundredth.
        required_for: [low, medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
          metrics:
            tests_failed: { max: 0, unit: tests }
            retrain_metric_delta:
              max: 0.01
              description: Absolute difference between the reported metric and the one a fresh retraining produced.
        references:
          nist_ai_rmf: [MEASURE 2.1, MEASURE 2.5]
          eu_ai_act: [Art. 17(1)(d)]
          ml_test_score: [Infra 1, Infra 2, Infra 3, Data 7]
          iso_42001: [A.6.2.4]

  - id: explainability
    title: Explainability
    stage: production
    description: The model's decisions can be explained to those who check them, those they affect and those who can overrule them.
    criteria:
      - id: EXP-1
        title: Model explained and validated
        description: >-
          An explanation report for this release: which inputs drive the model overall, worked
          examples of individual predictions, and a check that both make sense to a domain
          expert. An inherently interpretable model may instead document why it is one.
        required_for: [medium, high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["reports/**"] }
        references:
          nist_ai_rmf: [MEASURE 2.9]
          eu_ai_act: [Art. 13(3)(b)(iv)]
          ml_test_score: [Infra 5]

      - id: EXP-2
        title: Explanations for regulators, customers and employees
        description: >-
          Explanations written for each audience: a section for regulators, a notice telling an
          affected person the main factors behind a decision and how to contest it, and a guide
          for the staff who act on the output. Because these texts speak for the organisation,
          legal approves the pull request explicitly: silence is not enough here. Not applicable
          only when no decision concerns a person.
        required_for: [high]
        allow_not_applicable: true
        evidence:
          file: { paths: ["docs/**"] }
          signoff: legal
        references:
          nist_ai_rmf: [MAP 2.2, MEASURE 2.8]
          eu_ai_act: [Art. 13, Art. 26(11), Art. 86]
          iso_42001: [A.8.2, A.8.5]

      - id: EXP-3
        title: Human oversight and contestability
        description: >-
          How a person overrides a single output or stops the system altogether, who may do it,
          and a channel through which someone affected can appeal; the link points to that
          channel.
        required_for: [high]
        allow_not_applicable: false
        evidence:
          file: { paths: ["docs/**", "ops/**"] }
          link: { pattern: "^(https://|mailto:)" }
        references:
          nist_ai_rmf: [MAP 3.5, GOVERN 3.2, MEASURE 3.3]
          eu_ai_act: [Art. 14, Art. 86]
          iso_42001: [A.9.2]
`,sha256:"eb8758cc9fe7575ef693165caf20d26728d4f243025ad5dacb2f4b1d2c9c90f7",get data(){return h.default??=JSON.parse(`{"version":1,"name":"default","description":"One accountable owner, legal and security consulted within fixed windows, a pre-pilot data readiness gate and 23 production criteria in five gates, scaled by risk tier.","invalidate_on_push":"any","max_waiver":"60d","tier_confirmed_by":"legal","governed_paths":["**/pilot-readiness.yml","**/pilot-readiness.yaml","models/**","deploy/**","serving/**","**/*.onnx","**/*.safetensors","**/*.pt","**/*.pth","**/*.pkl","**/*.joblib","**/*.gguf"],"roles":{"owner":{"accountable":true,"title":"Accountable executive","allow_self":false},"legal":{"title":"Legal and compliance","description":"Confirms which laws and AI Act obligations apply to the pilot and that the documents answering them are adequate. Consulted, not co-owner. Consulted at every tier: legal's review of the regulatory scope (CMP-1) is what confirms the risk tier itself, so a team cannot label its own pilot low-risk unchecked.","window":"14d","on_silence":"consent","on_objection":"block","required_for":["low","medium","high"]},"security":{"title":"Security","description":"Assesses the pilot's attack surface, access to the model and its data, and the integrity of what is shipped. Consulted, not co-owner.","window":"7d","on_silence":"consent","on_objection":"block","required_for":["low","medium","high"]}},"gates":[{"id":"data-readiness","title":"Data readiness","stage":"pre-pilot","description":"Assessed before the pilot is built: where the data comes from, how good it is, who can reach it, what personal data it holds and whether production systems can supply it.","criteria":[{"id":"DR-1","title":"Lineage map","description":"A map of every source the model reads. For each one it names the owning team, the system of record, the transformations applied on the way in and how often it refreshes.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]}},"references":{"nist_ai_rmf":["MAP 2.3","MAP 4.1","GOVERN 6.1"],"eu_ai_act":["Art. 10(2)(b)","Art. 10(2)(c)"],"iso_42001":["A.7.5"]}},{"id":"DR-2","title":"Quality baseline","description":"A profile of the data as it is today, no older than a month, measured on the fields the model needs. It reports the four figures below and how each was computed.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":"30d"},"metrics":{"completeness":{"min":0.98,"metrics_source":"artifact","description":"Share of required fields that are populated."},"accuracy":{"min":0.95,"metrics_source":"artifact","description":"Share of sampled values or labels confirmed against a source of truth or a second annotator."},"consistency":{"min":0.995,"metrics_source":"artifact","description":"Share of records that pass cross-field and cross-system rules."},"duplicate_rate":{"max":0.01,"metrics_source":"artifact","description":"Share of records that repeat another record."}}},"references":{"nist_ai_rmf":["MAP 2.3","MEASURE 2.1"],"eu_ai_act":["Art. 10(3)"],"ml_test_score":["Data 1"],"iso_42001":["A.7.4"]}},{"id":"DR-3","title":"Representativeness and bias","description":"The groups or segments the pilot must serve well are declared, and a report compares their share in the data with their share in the population served. Every declared group has enough records to evaluate on its own.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"metrics":{"min_group_size":{"min":100,"unit":"records","description":"Records in the smallest declared group."}}},"references":{"nist_ai_rmf":["MEASURE 2.11"],"eu_ai_act":["Art. 10(2)(f)","Art. 10(2)(g)","Art. 10(2)(h)"],"iso_42001":["A.7.4"]}},{"id":"DR-4","title":"Data access and security audit","description":"A review, within the last 90 days, of who can read and write each source, the training copies and the feature store, with excess access removed.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":"90d"}},"references":{"nist_ai_rmf":["MEASURE 2.7"],"eu_ai_act":["Art. 10(5)(c)","Art. 15"],"ml_test_score":["Data 5"]}},{"id":"DR-5","title":"Personal data and privacy","description":"An inventory of the personal data involved, its lawful basis and retention, with a link to the data protection impact assessment (GDPR Art. 35) or the reason none is needed. Not applicable only when no personal data reaches the pilot at all.","required_for":["low","medium","high"],"allow_not_applicable":true,"evidence":{"file":{"paths":["docs/**"]},"date":{"max_age":"365d"}},"references":{"nist_ai_rmf":["MEASURE 2.10"],"eu_ai_act":["Art. 10(5)"],"ml_test_score":["Data 5"]}},{"id":"DR-6","title":"Integration assessment","description":"Evidence that production systems can supply every feature the model uses within the latency it needs, and a parity test showing features computed at serving time match those used in training.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"metrics":{"unavailable_features":{"max":0,"unit":"features","description":"Features the model uses that no production system can supply in time."},"serving_parity":{"min":0.99,"description":"Share of sampled records whose serving-time features equal the training-time values."}}},"references":{"nist_ai_rmf":["MEASURE 2.3","MAP 4.2"],"eu_ai_act":["Art. 26(4)"],"ml_test_score":["Monitor 3"]}},{"id":"DR-7","title":"Datasheet","description":"A datasheet for each training dataset: why it was assembled, what it contains, how it was collected and cleaned, what it should and should not be used for, and who maintains it.","required_for":["medium","high"],"allow_not_applicable":false,"waivable":true,"evidence":{"file":{"paths":["docs/**"]}},"references":{"nist_ai_rmf":["MAP 2.3","MEASURE 2.1"],"eu_ai_act":["Art. 11","Annex IV"],"iso_42001":["A.7.5"]}}]},{"id":"security","title":"Security clearance","stage":"production","description":"The model, its data and its supply chain have been attacked, reviewed and scanned.","criteria":[{"id":"SEC-1","title":"AI threat model","description":"A threat model, reviewed within the year, covering attacks specific to machine learning: poisoning of training data, evasion, model or data extraction and, for generative models, prompt injection. Each threat has a mitigation or an accepted risk.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]},"date":{"max_age":"365d"}},"references":{"nist_ai_rmf":["MAP 4.2","MEASURE 2.7"],"eu_ai_act":["Art. 15(5)"]}},{"id":"SEC-2","title":"Penetration test including adversarial testing","description":"A dated penetration test of the serving endpoint and its surroundings that includes adversarial inputs against the model. No critical or high finding may remain open.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":{"low":"365d","medium":"365d","high":"180d"}},"metrics":{"open_critical_findings":{"max":0,"unit":"findings","metrics_source":"artifact"},"open_high_findings":{"max":0,"unit":"findings","metrics_source":"artifact"}}},"references":{"nist_ai_rmf":["MEASURE 2.7","MEASURE 2.6"],"eu_ai_act":["Art. 15(4)","Art. 15(5)"],"iso_42001":["A.6.2.4"]}},{"id":"SEC-3","title":"Access controls verified","description":"An access review, within the last 90 days, of the inference endpoint, the model registry and the training data, listing who holds each permission and why.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":"90d"}},"references":{"nist_ai_rmf":["MAP 4.2","GOVERN 2.1"],"eu_ai_act":["Art. 15","Art. 10(5)"],"ml_test_score":["Data 5"]}},{"id":"SEC-4","title":"Encryption validated","description":"A configuration scan, within the last 90 days, showing that every store holding the model or its data is encrypted at rest and that traffic uses TLS 1.2 or later.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":"90d"},"metrics":{"min_tls_version":{"min":1.2,"description":"Lowest TLS version any endpoint on the path still accepts."},"unencrypted_stores":{"max":0,"unit":"stores"}}},"references":{"nist_ai_rmf":["MEASURE 2.7","MEASURE 2.10"],"eu_ai_act":["Art. 15"],"ml_test_score":["Data 5"]}},{"id":"SEC-5","title":"Supply chain and artefact integrity","description":"A software bill of materials and a dependency scan from the last 30 days with no critical vulnerability, and a check that the digest of the model being deployed matches the one recorded in the registry.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"date":{"max_age":"30d"},"metrics":{"critical_cves":{"max":0,"unit":"vulnerabilities"},"digest_mismatches":{"max":0,"unit":"artefacts","description":"Deployed artefacts whose digest differs from the registry's."}}},"references":{"nist_ai_rmf":["GOVERN 6.1","MANAGE 3.1","MANAGE 3.2"],"eu_ai_act":["Art. 15","Art. 25"],"ml_test_score":["Monitor 1"],"iso_42001":["A.10.3"]}}]},{"id":"compliance","title":"Compliance validation","stage":"production","description":"The pilot's legal scope is known, its risks are treated and its decisions can be reconstructed.","criteria":[{"id":"CMP-1","title":"Regulatory scope and risk tier","description":"A classification of the pilot, reviewed within the year: the laws that apply, its AI Act category (prohibited, high-risk, transparency duties or minimal) and the reasoning behind the risk tier declared in the manifest. Legal reviews it within its window.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]},"date":{"max_age":"365d"}},"references":{"nist_ai_rmf":["GOVERN 1.1","MAP 1.1","MAP 1.5"],"eu_ai_act":["Art. 5","Art. 6","Annex III","Art. 50"]}},{"id":"CMP-2","title":"Risk and impact assessment","description":"A risk register, reviewed within the year, giving each risk an owner and a treatment, with links to the data protection or fundamental-rights impact assessment where one is required. Every risk has a treatment.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]},"date":{"max_age":"365d"},"metrics":{"untreated_risks":{"max":0,"unit":"risks"}}},"references":{"nist_ai_rmf":["MAP 5.1","MANAGE 1.2","MANAGE 1.3","MANAGE 1.4","GOVERN 2.3"],"eu_ai_act":["Art. 9","Art. 27"],"iso_42001":["A.5.2"]}},{"id":"CMP-3","title":"Audit trail established","description":"Every release records the commit, the data snapshot's hash, the configuration and the evaluation run, and inference logs are kept long enough to reconstruct a decision. The evidence shows where both are kept and the configured log retention.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**","ops/**"]},"metrics":{"log_retention_days":{"min":{"low":30,"medium":90,"high":183},"unit":"days"}}},"references":{"nist_ai_rmf":["MEASURE 2.8","GOVERN 4.3"],"eu_ai_act":["Art. 12","Art. 19","Art. 26(6)"],"ml_test_score":["Model 1","Infra 1"],"iso_42001":["A.6.2.8"]}},{"id":"CMP-4","title":"Documentation complete","description":"A model card covering intended use, training data, evaluation, limitations and ethical considerations, and an index of the technical documentation under the AI Act Annex IV headings pointing to where each item lives.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]}},"references":{"nist_ai_rmf":["MAP 2.2","GOVERN 4.2","MEASURE 2.1"],"eu_ai_act":["Art. 11","Annex IV","Art. 13"],"iso_42001":["A.6.2.7"]}},{"id":"CMP-5","title":"Fairness evaluation","description":"Outcomes compared across each declared group: the lowest group's selection rate is at least four fifths of the highest, and true positive rates differ by no more than 0.05. Not applicable only when no person-level attribute or close proxy reaches the model.","required_for":["medium","high"],"allow_not_applicable":true,"evidence":{"file":{"paths":["reports/**"]},"metrics":{"selection_rate_ratio":{"min":0.8,"description":"Lowest group selection rate divided by the highest (the four-fifths rule)."},"tpr_gap":{"max":0.05,"description":"Largest difference in true positive rate between two groups."}}},"references":{"nist_ai_rmf":["MEASURE 2.11"],"eu_ai_act":["Art. 10(2)(f)","Art. 10(2)(g)"],"ml_test_score":["Model 6","Model 7"],"iso_42001":["A.5.4"]}}]},{"id":"business","title":"Business metrics defined","stage":"production","description":"Value is measured, the bar for success was set in advance and the model clears it.","criteria":[{"id":"BUS-1","title":"How value is measured","description":"The business measure the pilot is meant to move: its definition, the data it is computed from, who owns it and how often it is reported.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**"]}},"references":{"nist_ai_rmf":["MAP 1.3","MAP 1.4","MAP 3.1"],"ml_test_score":["Model 2"]}},{"id":"BUS-2","title":"Success threshold set before evaluation","description":"The baseline, the target and the go/no-go threshold on that measure, committed to the repository before the evaluation run so the bar cannot move to meet the result.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"metrics":{"baseline":{"description":"The measure as it stands without the model."},"target":{"description":"What the pilot aims to reach."},"threshold":{"description":"The least result that justifies going to production.","fixed_before_evaluation":["BUS-3"]}}},"references":{"nist_ai_rmf":["MEASURE 1.1","MANAGE 1.1"],"eu_ai_act":["Art. 9(8)","Art. 15(3)"],"ml_test_score":["Infra 4"]}},{"id":"BUS-3","title":"Beats the baseline","description":"An evaluation on held-out data comparing the candidate with both the current model (or process) and a simple baseline, on the metric it is judged by. The margin is the candidate's score minus the better of the two, and it must not be negative.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"metrics":{"margin_over_baseline":{"min":0,"metrics_source":"artifact","description":"Candidate score minus the best of the current model and a simple baseline."}}},"references":{"nist_ai_rmf":["MEASURE 2.3","MEASURE 2.5"],"eu_ai_act":["Art. 15(1)"],"ml_test_score":["Model 5"],"iso_42001":["A.6.2.4"]}},{"id":"BUS-4","title":"Cost of errors and alternatives","description":"What a false positive and a false negative each cost, in money or time, and the non-AI alternatives that were considered and why they were not enough.","required_for":["high"],"allow_not_applicable":false,"waivable":true,"evidence":{"file":{"paths":["docs/**"]},"metrics":{"cost_false_positive":{"description":"Cost of one false positive, in the unit the manifest states."},"cost_false_negative":{"description":"Cost of one false negative, in the unit the manifest states."}}},"references":{"nist_ai_rmf":["MAP 3.2","MANAGE 2.1"]}}]},{"id":"operations","title":"Operational readiness","stage":"production","description":"Someone is watching the model, knows how to roll it back and is trained to support it.","criteria":[{"id":"OPS-1","title":"Monitoring in place","description":"Alert rules kept as code for input drift, broken data invariants, prediction quality, latency and error rate, each routed to an on-call rotation.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["ops/**"]}},"references":{"nist_ai_rmf":["MEASURE 2.4","MANAGE 4.1"],"eu_ai_act":["Art. 72","Art. 26(5)"],"ml_test_score":["Monitor 2","Monitor 3","Monitor 4","Monitor 5","Monitor 6","Monitor 7"],"iso_42001":["A.6.2.6"]}},{"id":"OPS-2","title":"Rollback plan documented and tested","description":"A written procedure for returning to the previous model or to the non-AI process, and a drill within the last 90 days showing it restored service within 15 minutes.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["ops/**","reports/**"],"min_bytes":200,"headings":["Procedure","Last tested"]},"date":{"max_age":"90d"},"metrics":{"recovery_minutes":{"max":15,"unit":"minutes","description":"Time from the decision to roll back until service was restored in the drill."}}},"references":{"nist_ai_rmf":["MANAGE 2.4"],"eu_ai_act":["Art. 14(4)(e)"],"ml_test_score":["Infra 7"]}},{"id":"OPS-3","title":"Staged rollout","description":"Rollout configuration kept as code that sends the model a small share of traffic first, as a canary or in shadow, and aborts automatically when its guard metrics degrade.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["ops/**"]}},"references":{"nist_ai_rmf":["MANAGE 2.2","MEASURE 2.6"],"eu_ai_act":["Art. 15(4)"],"ml_test_score":["Infra 6"],"iso_42001":["A.6.2.5"]}},{"id":"OPS-4","title":"Support team trained","description":"A record of training given to the people who will support the model within the last year, naming the support owner, and a link to the on-call schedule.","required_for":["medium","high"],"allow_not_applicable":false,"waivable":true,"evidence":{"file":{"paths":["reports/**","docs/**"]},"date":{"max_age":"365d"},"link":{"pattern":"^https://"}},"references":{"nist_ai_rmf":["GOVERN 2.1","GOVERN 2.2","MAP 3.4"],"eu_ai_act":["Art. 4","Art. 26(2)"],"iso_42001":["A.3.2"]}},{"id":"OPS-5","title":"Incident response","description":"A runbook giving severities, escalation contacts and the path for reporting a serious incident to the authorities, exercised within the last year. The date is that of the last exercise.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["ops/**","docs/**"]},"date":{"max_age":"365d"}},"references":{"nist_ai_rmf":["MANAGE 4.3","MANAGE 2.3"],"eu_ai_act":["Art. 20","Art. 73"],"iso_42001":["A.8.4"]}},{"id":"OPS-6","title":"Pipeline tested and reproducible","description":"The pipeline's tests pass in CI, and retraining from the recorded data snapshot and configuration reproduces the headline metric to within a hundredth.","required_for":["low","medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]},"metrics":{"tests_failed":{"max":0,"unit":"tests"},"retrain_metric_delta":{"max":0.01,"description":"Absolute difference between the reported metric and the one a fresh retraining produced."}}},"references":{"nist_ai_rmf":["MEASURE 2.1","MEASURE 2.5"],"eu_ai_act":["Art. 17(1)(d)"],"ml_test_score":["Infra 1","Infra 2","Infra 3","Data 7"],"iso_42001":["A.6.2.4"]}}]},{"id":"explainability","title":"Explainability","stage":"production","description":"The model's decisions can be explained to those who check them, those they affect and those who can overrule them.","criteria":[{"id":"EXP-1","title":"Model explained and validated","description":"An explanation report for this release: which inputs drive the model overall, worked examples of individual predictions, and a check that both make sense to a domain expert. An inherently interpretable model may instead document why it is one.","required_for":["medium","high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["reports/**"]}},"references":{"nist_ai_rmf":["MEASURE 2.9"],"eu_ai_act":["Art. 13(3)(b)(iv)"],"ml_test_score":["Infra 5"]}},{"id":"EXP-2","title":"Explanations for regulators, customers and employees","description":"Explanations written for each audience: a section for regulators, a notice telling an affected person the main factors behind a decision and how to contest it, and a guide for the staff who act on the output. Because these texts speak for the organisation, legal approves the pull request explicitly: silence is not enough here. Not applicable only when no decision concerns a person.","required_for":["high"],"allow_not_applicable":true,"evidence":{"file":{"paths":["docs/**"]},"signoff":"legal"},"references":{"nist_ai_rmf":["MAP 2.2","MEASURE 2.8"],"eu_ai_act":["Art. 13","Art. 26(11)","Art. 86"],"iso_42001":["A.8.2","A.8.5"]}},{"id":"EXP-3","title":"Human oversight and contestability","description":"How a person overrides a single output or stops the system altogether, who may do it, and a channel through which someone affected can appeal; the link points to that channel.","required_for":["high"],"allow_not_applicable":false,"evidence":{"file":{"paths":["docs/**","ops/**"]},"link":{"pattern":"^(https://|mailto:)"}},"references":{"nist_ai_rmf":["MAP 3.5","GOVERN 3.2","MEASURE 3.3"],"eu_ai_act":["Art. 14","Art. 86"],"iso_42001":["A.9.2"]}}]}]}`)}}};var g=Object.fromEntries(Object.entries(r).map(([e,{text:t}])=>[e,t]));function w(e){return Object.hasOwn(r,e)}function o(e){let t=r[e];if(!t)throw new Error(`no bundled policy ${e}`);return{policy:t.data,source:e,text:t.text,sha256:t.sha256}}function v(e){return(e[0]==="criteria"?e.slice(1):e).join(".")}var l=e=>Array.isArray(e)?e:[];function p(e,t){let i=l(e?.gates);if(t[0]==="gates"&&t[1]!==void 0){let n=i.findIndex(a=>a?.id===t[1]);return n<0?null:["gates",n,...t.slice(2)]}if(t[0]==="criteria"&&t[1]!==void 0){for(let n=0;n<i.length;n++){let a=l(i[n]?.criteria).findIndex(c=>c?.id===t[1]);if(a>=0)return["gates",n,"criteria",a,...t.slice(2)]}return null}return[...t]}function s(e,t){let i=p(e.data,t);return i!==null?{location:e.locate(i),exact:e.has(i)}:{location:e.has(["gates"])?e.locateKey(["gates"]):e.locate([]),exact:!1}}function u(e){let t=o(e),i;return{source:e,text:t.text,sha256:t.sha256,data:t.policy,bundled:!0,parsed:()=>i??=d(t.text,e)}}function m(e){return t=>{for(let i of e){let n=s(i.parsed(),t);if(n.exact)return n.location}return s(e[0].parsed(),t).location}}function x(e){let t=u(e);return{...o(e),layers:[{source:e,text:t.text,sha256:t.sha256}],chain:[{source:e,sha256:t.sha256}],parent:null,tightenings:[],changes:[],locate:m([t])}}export{r as a,g as b,w as c,o as d,v as e,s as f,u as g,m as h,x as i};
//# sourceMappingURL=chunk-RTNTYD6D.js.map
