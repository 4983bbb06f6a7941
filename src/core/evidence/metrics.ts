// `metrics` evidence: each metric the policy names is present, a finite number, and within its tier's bounds.
import { PLACEHOLDERS } from '../placeholders.js';
import { forTier, perTierText, type EvidenceKind } from './types.js';

export const metricsEvidence: EvidenceKind = {
  kind: 'metrics',
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
