// incident-lens hotfix SNAPSHOT [--pr] [--yes]: the hotfix branch from the deployed ref, or (--pr) the draft hotfix
// PR from the current branch. Prints the plan unless --yes; observe mode refuses.
import { executeHotfixBranch, executePr, planHotfixBranch, planHotfixPr } from '../../core/actions/workflows';
import { DirtyTreeError } from '../../providers/git/gitWriter';
import { flag, parseArgs } from '../args';
import { InputError } from '../errors';
import type { CliIo } from '../io';
import { checkFlags, COMMON_OPTIONS, github, planned, printPlan, refuseInObserve, setup } from './actionSetup';

const HELP = `usage: incident-lens hotfix SNAPSHOT [--pr] [--yes] [--stash] [--template PATH] [--repo DIR] [--config FILE]
                            [--deploy ID] [--mode observe|advise] [--verbose]

Without --pr: creates hotfix/<incident>-<slug> at the ref the suspect deploy deployed (not the tip of main) and
switches to it. Uncommitted work stops it (nothing changed) unless --stash, which stashes it under a message naming
the incident and prints how to get it back.
With --pr: pushes the current (hotfix) branch and opens a draft pull request against the default branch with the
incident summary, evidence links, suspect commits, a checklist and the labels incident, hotfix. Never pushes the
default or a protected branch. --template PATH picks one of several .github/PULL_REQUEST_TEMPLATE/ files.

Prints exactly what it would do; --yes does it.
${COMMON_OPTIONS}
GitHub (--pr): GITHUB_TOKEN (or GH_TOKEN); the API is GITHUB_API_URL, else the config's endpoints.github or
github.apiUrl, else https://HOST/api/v3 for an origin remote on a GitHub Enterprise host.`;

export async function run(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseArgs(argv, ['pr', 'yes', 'stash', 'verbose']);
  checkFlags(args, ['pr', 'yes', 'stash', 'verbose', 'template', 'repo', 'config', 'deploy', 'mode'], 'hotfix');
  const s = await setup(args, env);
  const yes = args.flags.has('yes');
  if (!args.flags.has('pr')) {
    if (args.flags.has('template')) throw new InputError('--template applies to --pr only');
    refuseInObserve(s, 'Create hotfix branch');
    const plan = await planned(() => planHotfixBranch(s.snapshot, s.report, s.deployId));
    if (!yes) {
      printPlan(io, plan, `incident-lens hotfix ${argv.join(' ')}`);
      return 0;
    }
    let res;
    try {
      res = await executeHotfixBranch(plan, s.git, args.flags.has('stash') ? 'stash' : 'stop');
    } catch (e) {
      if (e instanceof DirtyTreeError) throw new Error(`${e.message}; pass --stash to stash it first`);
      throw e;
    }
    io.out(`Created ${res.branch} at ${res.base} and switched to it.`);
    if (res.stash) io.out(`Your uncommitted work is in ${res.stash.ref} ("${res.stash.message}"); get it back with: git stash pop ${res.stash.ref}`);
    return 0;
  }
  if (args.flags.has('stash')) throw new InputError('--stash applies to creating the branch (without --pr) only');
  refuseInObserve(s, 'Draft hotfix PR');
  const { prs, repo } = await github(s, env, io, args.flags.has('verbose'));
  const templates = await prs.templates();
  const wanted = flag(args, 'template');
  const template = wanted === undefined ? templates[0] : templates.find((t) => t.path === wanted);
  if (wanted !== undefined && !template) throw new InputError(`--template ${wanted}: not a PR template of ${repo.owner}/${repo.repo} (${templates.map((t) => t.path).join(', ') || 'it has none'})`);
  const plan = await planned(() => planHotfixPr({ snapshot: s.snapshot, report: s.report, repo, deployId: s.deployId, template: template?.text }, s.git, prs));
  if (!yes) {
    printPlan(io, plan, `incident-lens hotfix ${argv.join(' ')}`);
    return 0;
  }
  const pr = await executePr(plan, s.git, prs);
  io.out(`${pr.existing ? 'Draft pull request already open' : 'Opened draft pull request'} #${pr.number}: ${pr.url}`);
  return 0;
}
