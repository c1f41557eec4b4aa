// Redaction before anything leaves the machine: each secret becomes a stable placeholder (the same secret, the same
// placeholder, so the model can still reason about "the same key twice"), restored in the answer shown locally.

export interface RedactOptions {
  /** Replace e-mail addresses (default true). */
  emails?: boolean;
  /** Replace IPv4/IPv6 addresses (default true). */
  ips?: boolean;
  /** Extra patterns from the user's settings, each a regular expression source. */
  extraPatterns?: string[];
}

interface Rule {
  kind: string;
  re: RegExp;
  /** Index of the capture group that holds the secret; 0 = the whole match. */
  group?: number;
  /** Rejects look-alikes (a git sha is not a secret key). */
  accept?: (secret: string) => boolean;
}

const KEY_NAMES =
  'password|passwd|pwd|pass|secret|client_secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key|secret[_-]?key|aws_secret_access_key|aws_session_token|accountkey|sharedaccesskey';

/** Mixed case or symbols: a 40-char base64 secret key, not a 40-char hex git sha. */
const looksRandom = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9/+]/.test(s) && !/^[0-9a-f]+$/i.test(s);

// Order matters: whole structures (keys, URLs, headers) first, so a token inside them is replaced once, as a whole.
const RULES: Rule[] = [
  { kind: 'PRIVATE_KEY', re: /-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9 ]+ )?PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'URL_PASSWORD', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:([^\s@/'"]+)@/gi, group: 1 },
  { kind: 'SLACK_WEBHOOK', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { kind: 'BEARER', re: /\b(?:Bearer|Token)\s+([A-Za-z0-9._~+/=-]{12,})/g, group: 1 },
  { kind: 'BASIC_AUTH', re: /\bBasic\s+([A-Za-z0-9+/]{12,}={0,2})/g, group: 1 },
  { kind: 'JWT', re: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  { kind: 'GITHUB_TOKEN', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{40,255})\b/g },
  { kind: 'GITLAB_TOKEN', re: /\bgl(?:pat|dt|rt|ptt|cbt|imt|agent|oas|soat)-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'SLACK_TOKEN', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'STRIPE_KEY', re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'OPENAI_KEY', re: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'GOOGLE_API_KEY', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'NPM_TOKEN', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'SENDGRID_KEY', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\b/g },
  { kind: 'AWS_ACCESS_KEY', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  // key = value / "key": "value" / Key=Value; in connection strings and config files.
  {
    kind: 'SECRET_VALUE',
    re: new RegExp(`(?:\\b|_)(?:${KEY_NAMES})\\b["']?\\s*[:=]\\s*(?:"([^"\\s]{3,})"|'([^'\\s]{3,})'|([^\\s,;'"&)}\\]]{3,}))`, 'gi'),
    group: -1,
  },
  { kind: 'AWS_SECRET_KEY', re: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, accept: looksRandom },
];

const EMAIL: Rule = { kind: 'EMAIL', re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g };
const IPV4: Rule = { kind: 'IP', re: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g };
const IPV6: Rule = {
  kind: 'IP',
  re: /(?<![:\w])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![:\w])|(?<![:\w])(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}(?![:\w])|(?<![:\w])(?:[0-9a-f]{1,4}:){1,7}:(?![:\w])/gi,
  accept: (s) => /:/.test(s) && /[0-9a-f]/i.test(s.replace(/:/g, '')),
};

export interface Redactor {
  redact(text: string): string;
  /** Puts the original values back into text that came from the model. */
  restore(text: string): string;
  /** How many distinct secrets were replaced, by kind (for the preview and the audit log; never the values). */
  counts(): Record<string, number>;
}

const PLACEHOLDER = /\[REDACTED_([A-Z0-9_]+)_(\d+)\]/g;

export function createRedactor(opts: RedactOptions = {}): Redactor {
  const rules = [...RULES];
  if (opts.emails !== false) rules.push(EMAIL);
  if (opts.ips !== false) rules.push(IPV4, IPV6);
  for (const src of opts.extraPatterns ?? []) rules.push({ kind: 'CUSTOM', re: new RegExp(src, 'g') });

  const bySecret = new Map<string, string>();
  const byPlaceholder = new Map<string, string>();
  const perKind = new Map<string, number>();

  const placeholderFor = (kind: string, secret: string): string => {
    let p = bySecret.get(secret);
    if (!p) {
      const n = (perKind.get(kind) ?? 0) + 1;
      perKind.set(kind, n);
      p = `[REDACTED_${kind}_${n}]`;
      bySecret.set(secret, p);
      byPlaceholder.set(p, secret);
    }
    return p;
  };

  const apply = (text: string, rule: Rule): string =>
    text.replace(rule.re, (match: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2).filter((g): g is string | undefined => typeof g !== 'number') as Array<string | undefined>;
      let secret: string | undefined;
      if (rule.group === -1) secret = groups.find((g) => g !== undefined);
      else if (rule.group) secret = groups[rule.group - 1];
      else secret = match;
      if (!secret || secret.startsWith('[REDACTED_') || (rule.accept && !rule.accept(secret))) return match;
      if (/^\[REDACTED_/.test(secret)) return match;
      const i = match.lastIndexOf(secret);
      return match.slice(0, i) + placeholderFor(rule.kind, secret) + match.slice(i + secret.length);
    });

  return {
    redact(text) {
      let out = text;
      for (const rule of rules) out = apply(out, rule);
      return out;
    },
    restore(text) {
      return text.replace(PLACEHOLDER, (p) => byPlaceholder.get(p) ?? p);
    },
    counts() {
      return Object.fromEntries(perKind);
    },
  };
}
