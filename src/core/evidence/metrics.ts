// `metrics` evidence: each metric the policy names is present, a finite number, and within its tier's bounds.
import { PLACEHOLDERS } from '../placeholders.js';
import { didYouMean } from '../suggest.js';
import { RISK_TIERS, type Finding, type MetricRequirement, type SourceLocation } from '../types.js';
import {
  agrees,
  artifactPathRefused,
  DVC,
  isSource,
  metricsSourcePaths,
  MODEL_CARD,
  openMetricsSource,
  type MetricsSource,
} from './artifacts.js';
import { resolveEvidencePath } from './paths.js';
import { thresholdChanges } from './thresholds.js';
import { forTier, mergePerTier, perTierText, reporter, type EvidenceKind } from './types.js';

const MESSAGES = {
  'artifact-required': 'the policy sets metrics_source: artifact and the entry types the value',
  'key-without-artifact': 'a metric names a key but the entry names no artifact',
  missing: 'a metric the policy names is not in the entry',
  'not-finite': 'a typed metric is not a finite number',
  'artifact-unusable': "the artifact named by from: is missing, cannot be read or parsed, or the model card's result cannot be chosen",
  'not-in-artifact': 'the artifact holds no single value for the metric (none, or several)',
  'artifact-not-a-number': 'the artifact holds something other than a finite number for the metric',
  disagrees: 'a number typed beside the artifact differs from it',
  'below-min': "the value is below the policy's minimum for the pilot's tier",
  'above-max': "the value is above the policy's maximum for the pilot's tier",
  'path-refused': 'the artifact path leaves the repository, is absolute or uses backslashes',
  'min-above-max': "the policy's min is above its max for a tier, so nothing could pass",
  'unknown-criterion': 'fixed_before_evaluation names a criterion the policy does not have',
} as const;
const report = reporter('metrics', MESSAGES);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeMetric(parent: MetricRequirement, child: MetricRequirement): MetricRequirement {
  const merged: MetricRequirement = { ...parent, ...child };
  const min = mergePerTier(parent.min, child.min);
  const max = mergePerTier(parent.max, child.max);
  if (min !== undefined) merged.min = min;
  if (max !== undefined) merged.max = max;
  return merged;
}

export const metricsEvidence: EvidenceKind = {
  meta: {
    name: 'metrics',
    docs: "Measured values within the tier's bounds, typed in the manifest or read from the evaluation's own artifact.",
    messages: MESSAGES,
  },
  compareLayer(p, c, ops) {
    if (!p.metrics || !c.metrics) return;
    for (const [name, rule] of Object.entries(p.metrics)) {
      const mine = c.metrics[name];
      if (!mine) {
        ops.loosen(
          ops.at('metrics', name),
          `is removed (${ops.parent} requires it)`,
          'a child policy may only add metrics',
          ops.at('metrics'),
        );
        continue;
      }
      ops.bound(ops.at('metrics', name, 'min'), rule.min, mine.min, 'minimum');
      ops.bound(ops.at('metrics', name, 'max'), rule.max, mine.max, 'maximum');
      if (rule.metrics_source === 'artifact' && mine.metrics_source !== 'artifact')
        ops.loosen(
          ops.at('metrics', name, 'metrics_source'),
          `no longer requires the value from an artifact (${ops.parent} sets metrics_source: artifact)`,
          'a child policy may only add metrics_source: artifact',
          ops.at('metrics', name),
        );
      else if (rule.metrics_source !== 'artifact' && mine.metrics_source === 'artifact')
        ops.tighten(ops.at('metrics', name, 'metrics_source'), 'requires the value from an evaluation artifact');
      const fixedBefore = new Set(mine.fixed_before_evaluation ?? []);
      for (const id of rule.fixed_before_evaluation ?? [])
        if (!fixedBefore.has(id))
          ops.loosen(
            ops.at('metrics', name, 'fixed_before_evaluation'),
            `no longer fixes the value before the evaluation of ${id} (${ops.parent} does)`,
            'a child policy may only add criteria to fixed_before_evaluation',
            ops.at('metrics', name),
          );
    }
    for (const name of Object.keys(c.metrics)) if (!p.metrics[name]) ops.tighten(ops.at('metrics', name), 'is a new required metric');
  },
  mergeLayer(merged, child) {
    if (!child.metrics) return;
    const metrics = { ...merged.metrics };
    for (const [name, rule] of Object.entries(child.metrics))
      metrics[name] = metrics[name] ? mergeMetric(metrics[name]!, rule) : structuredClone(rule);
    merged.metrics = metrics;
  },
  applies: (criterion) => criterion.evidence.metrics !== undefined && Object.keys(criterion.evidence.metrics).length > 0,
  // Typed numbers read nothing; an artifact (a file, the model card, DVC's files) is read whole.
  reads(entry, ctx) {
    const from = (entry.metrics as { from?: unknown } | null | undefined)?.from;
    return typeof from === 'string' ? metricsSourcePaths(from, ctx.manifestDir, (path) => ctx.text(path)) : [];
  },
  readsContents: (entry) => entry.metrics?.from !== undefined,
  validatePolicy(criterion, ctx) {
    const findings: Finding[] = [];
    for (const [name, rule] of Object.entries(criterion.evidence.metrics ?? {})) {
      for (const tier of RISK_TIERS) {
        const min = typeof rule.min === 'object' ? rule.min[tier] : rule.min;
        const max = typeof rule.max === 'object' ? rule.max[tier] : rule.max;
        if (min !== undefined && max !== undefined && min > max) {
          findings.push(
            report(
              'min-above-max',
              `metric ${name} has min ${min} above max ${max} for ${tier} risk: nothing could pass`,
              ctx.at('metrics', name),
            ),
          );
          break;
        }
      }
      for (const id of rule.fixed_before_evaluation ?? []) {
        if (!ctx.criterionIds.has(id)) {
          findings.push(
            report(
              'unknown-criterion',
              `metric ${name} of ${criterion.id} is fixed before the evaluation of "${id}", which is not a criterion of the policy.${didYouMean(id, ctx.criterionIds)} Name the criterion whose evidence is that evaluation`,
              ctx.at('metrics', name, 'fixed_before_evaluation'),
            ),
          );
        }
      }
    }
    return findings;
  },
  validatePaths(entry, ctx) {
    const from = entry.metrics?.from;
    if (typeof from !== 'string' || from === DVC || from === MODEL_CARD) return [];
    const resolved = resolveEvidencePath(ctx.manifestDir, from);
    return resolved.ok ? [] : [artifactPathRefused(from, resolved.reason, ctx.locate(['metrics', 'from']))];
  },
  placeholders: (entry) =>
    isObject(entry.metrics)
      ? Object.entries(entry.metrics).map(([name, value]) => ({
          path: ['metrics', name],
          value,
          placeholder: PLACEHOLDERS.metric,
          replacement: `the measured value of ${name}, a number`,
        }))
      : [],
  explain(criterion, policy, show) {
    const metrics = Object.values(criterion.evidence.metrics ?? {});
    if (metrics.length === 0) return [];
    const notes = [
      'Metrics may be read from the evaluation instead of typed: metrics: { from: FILE } (JSON or YAML; prefix: a.b, or key: a.b.c per metric),',
      "from: dvc (the metrics files of the pilot's dvc.yaml) or from: model-card (README.md's model-index; task: and dataset: choose",
      'the result). A number typed beside it must agree with the artifact.',
    ];
    if (metrics.some((m) => m.fixed_before_evaluation?.length)) {
      const role = policy.thresholds_confirmed_by;
      notes.push(
        `A value fixed before the evaluation, changed in the same pull request as that evaluation's evidence, needs the base branch owner's approval${role ? ` and the ${show(role)} role's (thresholds_confirmed_by)` : ' (the policy names no thresholds_confirmed_by role)'}.`,
      );
    }
    return notes;
  },
  governance: thresholdChanges,
  describe(criterion, show, tier) {
    return Object.entries(criterion.evidence.metrics ?? {}).map(([name, rule]) => {
      const min = perTierText(rule.min, show, tier);
      const max = perTierText(rule.max, show, tier);
      const bounds = [min ? `≥ ${min}` : '', max ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
      const artifact = rule.metrics_source === 'artifact' ? ', read from an evaluation artifact (metrics: { from: ... })' : '';
      const fixed = rule.fixed_before_evaluation?.length
        ? `, fixed before the evaluation (${rule.fixed_before_evaluation.map((id) => show(id)).join(', ')}): changing it in the same pull request as that evidence is a governance change`
        : '';
      return `metric ${show(name)}${bounds ? ` ${bounds}` : ' (present)'}${rule.unit ? ` ${show(rule.unit)}` : ''}${rule.description ? ` (${show(rule.description)})` : ''}${artifact}${fixed}`;
    });
  },
  starter(criterion) {
    const rules = Object.entries(criterion.evidence.metrics ?? {});
    if (rules.length === 0) return null;
    // The artifact form when the policy asks for it: the values come from the evaluation's own output.
    if (rules.some(([, rule]) => rule.metrics_source === 'artifact'))
      return `metrics: { from: reports/${criterion.id.toLowerCase()}-metrics.json }`;
    return `metrics: { ${rules.map(([m]) => `${m}: ${PLACEHOLDERS.metric}`).join(', ')} }`;
  },
  check(ctx) {
    const wanted = ctx.criterion.evidence.metrics ?? {};
    const given = ctx.entry.metrics;
    const problems: Finding[] = [];
    // The artifact is opened only when the entry names one (and once for all its metrics).
    let source: MetricsSource | null = null;
    if (given?.from !== undefined) {
      const opened = openMetricsSource(
        { manifestDir: ctx.manifestDir, files: ctx.files, locate: (p) => ctx.locate(['metrics', ...p]) },
        {
          ...given,
          from: given.from,
        },
      );
      if (!isSource(opened)) return [{ messageId: 'metrics/artifact-unusable', ...opened }];
      source = opened;
    }
    for (const [name, rule] of Object.entries(wanted)) {
      const stated = given?.[name];
      const typed = typeof stated === 'number' ? stated : undefined;
      const key = typeof stated === 'object' && stated !== null ? stated.key : undefined;
      const unit = rule.unit ? ` ${rule.unit}` : '';
      let value: number;
      let at: SourceLocation;
      if (source === null) {
        if (rule.metrics_source === 'artifact') {
          problems.push(
            report(
              'artifact-required',
              `metric "${name}" must be read from the evaluation's own output (the policy sets metrics_source: artifact for it): name the file with metrics: { from: reports/eval.json }, from: dvc or from: model-card`,
              ctx.locate(given ? (stated !== undefined ? ['metrics', name] : ['metrics']) : []),
            ),
          );
          continue;
        }
        if (key !== undefined) {
          problems.push(
            report(
              'key-without-artifact',
              `metric "${name}" names a key but the entry names no artifact: add from: to metrics`,
              ctx.locate(['metrics', name]),
            ),
          );
          continue;
        }
        if (typed === undefined) {
          problems.push(
            report(
              'missing',
              `metric "${name}" is missing: add it under metrics${rule.description ? ` (${rule.description})` : ''}`,
              ctx.locate(given ? ['metrics'] : []),
            ),
          );
          continue;
        }
        value = typed;
        at = ctx.locate(['metrics', name]);
        if (!Number.isFinite(value)) {
          problems.push(report('not-finite', `metric "${name}" must be a finite number`, at));
          continue;
        }
      } else {
        const hit = source.lookup(name, key);
        if (!hit.ok) {
          problems.push(
            report('not-in-artifact', hit.message, hit.location ?? ctx.locate(['metrics', stated !== undefined ? name : 'from'])),
          );
          continue;
        }
        at = hit.location;
        if (typeof hit.value !== 'number' || !Number.isFinite(hit.value)) {
          problems.push(
            report('artifact-not-a-number', `metric "${name}" in ${hit.where} must be a finite number, not ${shown(hit.value)}`, at),
          );
          continue;
        }
        value = hit.value;
        // A number typed beside its artifact must say the same: wrong at both places.
        if (typed !== undefined && !agrees(typed, value)) {
          const message = `${name} is ${typed} in the manifest but ${value} in ${hit.where}: correct the manifest or remove the typed value`;
          problems.push(report('disagrees', message, ctx.locate(['metrics', name])), report('disagrees', message, at));
          continue;
        }
      }
      const min = forTier(rule.min, ctx.tier);
      const max = forTier(rule.max, ctx.tier);
      if (min !== undefined && value < min) {
        problems.push(report('below-min', `${name} is ${value}${unit}, below the minimum ${min}${unit} for ${ctx.tier} risk`, at));
      }
      if (max !== undefined && value > max) {
        problems.push(report('above-max', `${name} is ${value}${unit}, above the maximum ${max}${unit} for ${ctx.tier} risk`, at));
      }
    }
    return problems;
  },
};

/** An artifact's non-numeric value, briefly, for a message. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping (name a deeper key)';
  return `${typeof value} ${String(value)}`;
}
