// Bundle entry for the GitHub SDK: built to dist/sdk/github.js and loaded on first use only.
export { Octokit } from '@octokit/rest';
