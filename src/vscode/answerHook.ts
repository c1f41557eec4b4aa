import * as vscode from 'vscode';

/**
 * Questions put to the user, answered by the real UI unless a test installed its own answers: the extension-host
 * tests run the real commands without a modal dialog blocking them. Installing returns a Disposable that removes them.
 */
export class AnswerHook<T> {
  private answers: T | undefined;
  constructor(private readonly real: T) {}

  use(answers: T): vscode.Disposable {
    this.answers = answers;
    return new vscode.Disposable(() => {
      if (this.answers === answers) this.answers = undefined;
    });
  }

  protected get to(): T {
    return this.answers ?? this.real;
  }
}
