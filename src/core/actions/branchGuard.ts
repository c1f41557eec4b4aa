// The rule every push obeys, checked in code right before the push: never to the default branch or a protected one.

export class RefusedWrite extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedWrite';
  }
}

export interface BranchFacts {
  branch: string;
  defaultBranch: string;
  /** From GET /repos/{o}/{r}/branches/{b}; undefined when the branch does not exist on the remote yet. */
  protected?: boolean;
}

const normal = (b: string) => b.replace(/^refs\/heads\//, '').replace(/^origin\//, '');

/** Throws RefusedWrite naming the reason; returns quietly when pushing `branch` is allowed. */
export function assertPushable(f: BranchFacts): void {
  const b = normal(f.branch);
  if (!b) throw new RefusedWrite('refusing to push: no branch name');
  if (b === normal(f.defaultBranch)) throw new RefusedWrite(`refusing to push to ${b}: it is the default branch; write actions only push new hotfix/rollback branches`);
  if (f.protected) throw new RefusedWrite(`refusing to push to ${b}: the branch is protected on the remote`);
}
