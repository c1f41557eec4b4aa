/** Bad input: the CLI prints the message as one line on stderr and exits 2 (shared/spec/snapshot.md). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
