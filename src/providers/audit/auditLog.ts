// The audit log: one JSON line per external read, LLM call and write action, appended to the workspace storage file
// (and, when the user opts in, a copy under .incident-lens/). Secrets are redacted from each line before it is written.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createRedactor, type Redactor } from '../../core/llm/redact';

export type AuditKind = 'read' | 'llm-call' | 'write';

export interface AuditEntry {
  kind: AuditKind;
  /** What happened: "github GET /repos/…", "hotfix-pr", "llm analyse"… */
  action?: string;
  outcome?: string;
  [key: string]: unknown;
}

export class AuditLog {
  private chain: Promise<void> = Promise.resolve();
  private readonly redactor: Redactor;

  /** `files`: the primary log first, then any opt-in copies. */
  constructor(private readonly files: string[], private readonly now: () => Date = () => new Date(), redactor?: Redactor) {
    // E-mail addresses and IPs stay: they say who/where, and are not credentials.
    this.redactor = redactor ?? createRedactor({ emails: false, ips: false });
  }

  get path(): string {
    return this.files[0];
  }

  /** The JSON line that would be written (redacted). */
  line(entry: AuditEntry): string {
    const json = JSON.stringify({ at: this.now().toISOString(), ...entry }, (_k, v: unknown) => (v instanceof Error ? v.message : v));
    return this.redactor.redact(json);
  }

  /** Appends in call order; a failed write is reported to `onError` and does not block later entries. */
  append(entry: AuditEntry, onError: (e: Error) => void = () => undefined): Promise<void> {
    const text = `${this.line(entry)}\n`;
    this.chain = this.chain.then(async () => {
      for (const f of this.files) {
        try {
          await mkdir(path.dirname(f), { recursive: true });
          await appendFile(f, text, 'utf8');
        } catch (e) {
          onError(e as Error);
        }
      }
    });
    return this.chain;
  }
}
