// `metrics` evidence: each metric the policy names is present, a finite number, and within its tier's bounds.
import { PLACEHOLDERS } from '../placeholders.js';
import type { MetricRequirement } from '../types.js';
import { forTier, mergePerTier, perTierText, type EvidenceKind } from './types.js';

function mergeMetric(parent: MetricRequirement, child: MetricRequirement): MetricRequirement {
  const merged: MetricRequirement = { ...parent, ...child };
  const min = mergePerTier(parent.min, child.min);
  const max = mergePerTier(parent.max, child.max);
  if (min !== undefined) merged.min = min;
  if (max !== undefined) merged.max = max;
  return merged;
}

export const metricsEvidence: EvidenceKind = {
  kind: 'metrics',
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
  describe(criterion, show, tier) {
    return Object.entries(criterion.evidence.metrics ?? {}).map(([name, rule]) => {
      const min = perTierText(rule.min, show, tier);
      const max = perTierText(rule.max, show, tier);
      const bounds = [min ? `≥ ${min}` : '', max ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
      return `metric ${show(name)}${bounds ? ` ${bounds}` : ' (present)'}${rule.unit ? ` ${show(rule.unit)}` : ''}${rule.description ? ` (${show(rule.description)})` : ''}`;
    });
  },
  starter(criterion) {
    const metrics = Object.keys(criterion.evidence.metrics ?? {});
    return metrics.length > 0 ? `metrics: { ${metrics.map((m) => `${m}: ${PLACEHOLDERS.metric}`).join(', ')} }` : null;
  },
  check(ctx) {
    const wanted = ctx.criterion.evidence.metrics ?? {};
    const given = ctx.entry.metrics;
    const problems = [];
    for (const [name, rule] of Object.entries(wanted)) {
      const value = given?.[name];
      const unit = rule.unit ? ` ${rule.unit}` : '';
      if (value === undefined) {
        problems.push({
          message: `metric "${name}" is missing: add it under metrics${rule.description ? ` (${rule.description})` : ''}`,
          location: ctx.locate(given ? ['metrics'] : []),
        });
        continue;
      }
      const at = ctx.locate(['metrics', name]);
      if (!Number.isFinite(value)) {
        problems.push({ message: `metric "${name}" must be a finite number`, location: at });
        continue;
      }
      const min = forTier(rule.min, ctx.tier);
      const max = forTier(rule.max, ctx.tier);
      if (min !== undefined && value < min) {
        problems.push({ message: `${name} is ${value}${unit}, below the minimum ${min}${unit} for ${ctx.tier} risk`, location: at });
      }
      if (max !== undefined && value > max) {
        problems.push({ message: `${name} is ${value}${unit}, above the maximum ${max}${unit} for ${ctx.tier} risk`, location: at });
      }
    }
    return problems;
  },
};
