// The deploy-time verdict as the job summary (Markdown) and the terminal (text) show it.
import { type DeploymentVerdict, nameOf } from '../core/deployment.js';
import { codeSpan, escapeMarkdown } from './escape.js';
import { plainLine } from './plain.js';

function pullLine(verdict: DeploymentVerdict): string | null {
  const pr = verdict.pullRequest;
  return pr
    ? `pull request #${pr.number}, merged at ${pr.mergedAt} (head ${pr.headSha.slice(0, 12)}, base ${pr.baseSha.slice(0, 12)})`
    : null;
}

export function renderDeploymentMarkdown(verdict: DeploymentVerdict, level = 2): string {
  const h = '#'.repeat(level);
  const ok = verdict.decision === 'ready';
  const lines = [`${h} ${ok ? '✅' : '⛔'} Deployment of ${codeSpan(verdict.sha.slice(0, 12))}: ${ok ? 'READY' : 'REFUSED'}`, ''];
  const pr = pullLine(verdict);
  lines.push(pr ? `Produced by ${escapeMarkdown(pr)}.` : 'No merged pull request produced this commit.', '');
  if (verdict.atDeploy.length > 0) {
    lines.push('| pilot | at the merge | at the deployment |', '| --- | --- | --- |');
    verdict.atDeploy.forEach((report, i) => {
      const merged = verdict.atMerge[i];
      lines.push(`| ${escapeMarkdown(nameOf(report))} | ${merged?.decision ?? '-'} | ${report.decision} |`);
    });
    lines.push('');
  }
  if (verdict.reasons.length > 0)
    lines.push('**Why it may not be deployed:**', '', ...verdict.reasons.map((r) => `- ${escapeMarkdown(r)}`), '');
  if (verdict.attestation) lines.push(`Attestation: ${verdict.attestation.verified ? 'verified' : 'not verified'}.`, '');
  if (verdict.notes.length > 0) lines.push('Notes:', '', ...verdict.notes.map((n) => `- ${escapeMarkdown(n)}`), '');
  return `${lines.join('\n')}\n`;
}

export function renderDeploymentText(verdict: DeploymentVerdict): string {
  const lines = [`deployment of ${verdict.sha}: ${verdict.decision === 'ready' ? 'ready' : 'refused'}`];
  const pr = pullLine(verdict);
  lines.push(pr ? `  produced by ${pr}` : '  produced by no merged pull request');
  for (const [i, report] of verdict.atDeploy.entries())
    lines.push(`  ${nameOf(report)}: ${verdict.atMerge[i]?.decision ?? '-'} at the merge, ${report.decision} now`);
  for (const reason of verdict.reasons) lines.push(`  refused: ${reason}`);
  if (verdict.attestation) lines.push(`  attestation: ${verdict.attestation.verified ? 'verified' : 'not verified'}`);
  for (const note of verdict.notes) lines.push(`  note: ${note}`);
  return `${lines.map(plainLine).join('\n')}\n`;
}
