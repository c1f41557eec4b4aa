/** Input the suspects search cannot work with (bad range, unknown ref, not a repository, no frames): exit 2 in the CLI. */
export class SuspectsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuspectsInputError';
  }
}
