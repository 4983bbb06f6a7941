// Portfolio as a job (a scheduled workflow in the organisation's .github repository): every pilot of
// the organisation read into one summary and one JSON file, with no status and no comment. It fails
// the step only when a rate limit stopped it or when nothing could be read, never for a decision.
import type { GitHubClient } from '../../adapters/github/client.js';
import { buildPortfolio, worstDecision } from '../../core/portfolio.js';
import { renderPortfolioMarkdown } from '../../report/portfolio.js';
import { type ArtifactStore, type RunResult, settled } from '../run-result.js';
import { type PortfolioOptions, runPortfolio } from './run.js';

export function runPortfolioJob(gh: GitHubClient, options: PortfolioOptions, artifacts: ArtifactStore): Promise<RunResult> {
  return settled(async (run) => {
    const { org } = options;
    const read = await runPortfolio(gh, options);
    const portfolio = buildPortfolio(read.inputs, options.now, {
      repositories: read.repositories.total,
      shard: options.shard ?? null,
      incomplete: read.incomplete,
    });
    // The file is written even for a partial run: a merge job can still show what was read.
    run.output('report', artifacts.writeJson('pilot-readiness-portfolio.json', portfolio));
    run.summarise(renderPortfolioMarkdown(portfolio));
    const unread = read.inputs.filter((i) => i.error).length;
    if (unread > 0)
      run.annotate({
        level: 'warning',
        message: `pilot-readiness: ${unread} pilot(s), pull request(s) or repositories of ${org} could not be read; each counts as blocked (see the job summary)`,
      });
    const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : '';
    const { listed, total, failed } = read.repositories;
    if (read.incomplete) {
      run.fail(`pilot-readiness: the portfolio of ${org}${shard} is incomplete: ${read.incomplete}`);
    } else if (listed === 0 || (total > 0 && failed === total)) {
      run.fail(
        `pilot-readiness: no repository of ${org}${shard} could be read. GITHUB_TOKEN may see only the repository running the workflow: pass a GitHub App installation token for the organisation (Contents and Pull requests: read) as github-token`,
      );
    } else {
      const pilots = portfolio.pilots;
      run.output('decision', worstDecision(portfolio));
      run.output('score', `${pilots.reduce((n, p) => n + p.score.met, 0)}/${pilots.reduce((n, p) => n + p.score.required, 0)}`);
    }
  });
}
