// The metrics kind's governance: a value the policy fixes before the evaluation (fixed_before_evaluation)
// that the pull request changes together with that evaluation's evidence, its manifest entry or a file
// it used. Each needs the base owner's approval and the policy's thresholds_confirmed_by role's; until
// then the decision waits. A value changed alone, or an evaluation renewed under an unchanged bar, is ordinary.
import type { GovernanceChange } from '../types.js';
import type { EvidenceGovernance } from './types.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function metricsOf(evidence: unknown, criterion: string): unknown {
  const entry = isRecord(evidence) ? evidence[criterion] : undefined;
  return isRecord(entry) ? entry.metrics : undefined;
}

/** A metric's value as an entry states it, as text for comparing and showing; null when absent. */
function statedMetric(evidence: unknown, criterion: string, metric: string): string | null {
  const metrics = metricsOf(evidence, criterion);
  if (!isRecord(metrics) || !Object.hasOwn(metrics, metric)) return null;
  const value = metrics[metric];
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const entryOf = (evidence: unknown, criterion: string): string =>
  JSON.stringify(isRecord(evidence) && isRecord(evidence[criterion]) ? evidence[criterion] : null);

/** The threshold changes of one criterion's metrics, at the manifest's lines. */
export function thresholdChanges(ctx: EvidenceGovernance): GovernanceChange[] {
  const { criterion, baseEvidence, headEvidence, parsed } = ctx;
  const changes: GovernanceChange[] = [];
  for (const [metric, rule] of Object.entries(criterion.evidence.metrics ?? {})) {
    const evaluations = rule.fixed_before_evaluation ?? [];
    if (evaluations.length === 0) continue;
    const before = statedMetric(baseEvidence, criterion.id, metric);
    const after = statedMetric(headEvidence, criterion.id, metric);
    // A threshold read from an artifact moves with the artifact (or with where it is read from),
    // though the manifest's text for it stays the same.
    const headMetrics = metricsOf(headEvidence, criterion.id);
    const fromArtifact =
      isRecord(headMetrics) &&
      Object.hasOwn(headMetrics, 'from') &&
      (JSON.stringify(metricsOf(baseEvidence, criterion.id) ?? null) !== JSON.stringify(headMetrics) || ctx.usedChanged(criterion.id));
    if (before === after && !fromArtifact) continue;
    const renewed = evaluations.filter((id) => entryOf(baseEvidence, id) !== entryOf(headEvidence, id) || ctx.usedChanged(id));
    if (renewed.length === 0) continue;
    const needs = ctx.thresholdApprovals();
    const path = ['evidence', criterion.id, 'metrics', metric];
    changes.push({
      kind: 'threshold_changed',
      summary: `threshold changed in the same pull request as the evaluation: ${criterion.id} ${metric} ${before === after ? 'read from an artifact that changed' : `from ${before ?? '(none)'} to ${after ?? '(none)'}`}, with new evidence for ${renewed.join(', ')}`,
      from: before,
      to: after,
      needs,
      approved: needs.every((n) => n.status === 'approved'),
      location: parsed.has(path) ? parsed.locate(path) : parsed.locateKey(['evidence', criterion.id]),
    });
  }
  return changes;
}
