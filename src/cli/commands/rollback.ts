// incident-lens rollback SNAPSHOT [--commits SHA,...] [--yes]: a rollback branch from the default branch that reverts
// the suspect deploy's commits in a temporary worktree, pushed, with a draft PR. Prints the plan unless --yes.
import { executeRollbackPr, planRollbackPr } from '../../core/actions/workflows';
import { RevertConflictError } from '../../providers/git/gitWriter';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';
import { checkFlags, COMMON_OPTIONS, github, planned, printPlan, refuseInObserve, setup } from './actionSetup';

const HELP = `usage: incident-lens rollback SNAPSHOT [--commits SHA,...] [--yes] [--repo DIR] [--config FILE] [--deploy ID]
                              [--mode observe|advise] [--verbose]

Makes rollback/<incident>-<deploy> from the default branch in a temporary git worktree (your working tree and
branch are not touched), reverts the deploy's commits newest first (-m 1 for merges), pushes it and opens a draft
pull request naming the deploy it returns to, labelled incident, rollback. On a conflict nothing is pushed and the
conflicting files are named. --commits reverts only those commits.

Prints exactly what it would do; --yes does it.
${COMMON_OPTIONS}
GitHub: GITHUB_TOKEN (or GH_TOKEN); the API is GITHUB_API_URL, else the config's endpoints.github or
github.apiUrl, else https://HOST/api/v3 for an origin remote on a GitHub Enterprise host.`;

export async function run(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv, ['yes', 'verbose']);
  checkFlags(args, ['yes', 'verbose', 'commits', 'repo', 'config', 'deploy', 'mode'], 'rollback');
  const s = await setup(args, env);
  const list = flag(args, 'commits');
  const commits = list === undefined ? undefined : list.split(',').map((c) => c.trim()).filter(Boolean);
  if (commits && (!commits.length || commits.some((c) => !/^[0-9a-f]{4,40}$/i.test(c)))) throw new InputError(`--commits must be commit shas separated by commas (got '${list}')`);
  refuseInObserve(s, 'Draft rollback PR');
  const { prs, repo } = await github(s, env, io, args.flags.has('verbose'));
  const template = (await prs.templates())[0];
  const plan = await planned(async () => {
    try {
      return await planRollbackPr({ snapshot: s.snapshot, report: s.report, repo, deployId: s.deployId, template: template?.text }, s.git, prs, commits);
    } catch (e) {
      if (/is not in this repository/.test((e as Error).message)) throw new InputError((e as Error).message);
      throw e;
    }
  });
  if (!args.flags.has('yes')) {
    printPlan(io, plan, `incident-lens rollback ${argv.join(' ')}`);
    return 0;
  }
  try {
    const { reverted, pr } = await executeRollbackPr(plan, s.git, prs);
    io.out(`Reverted ${reverted.reverted.map((r) => r.commit.slice(0, 12)).join(', ')} on ${reverted.branch} (pushed).`);
    io.out(`${pr.existing ? 'Draft pull request already open' : 'Opened draft pull request'} #${pr.number}: ${pr.url}`);
  } catch (e) {
    if (e instanceof RevertConflictError) throw new Error(`${e.message}; nothing was pushed`);
    throw e;
  }
  return 0;
}
