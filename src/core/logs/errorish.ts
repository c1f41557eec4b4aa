// Whether a log message reads as an error: by its severity word, or by the words errors are written with.
import { type Level, parseHeader } from './header';

const ERROR_WORDS = /\b(?:error|errors|exception|fatal|failed|failures?|fails|panic|traceback|timed? ?out|refused|denied|unavailable|unreachable|crash(?:ed)?|abort(?:ed)?|segfault|killed|oom|out of memory|throttl\w*|exceeded|exhausted|deadlock(?:ed|s)?)\b/i;
/** Class names such as NullPointerException or errno codes (ECONNRESET) read as errors too. */
const ERROR_CLASS = /[a-z](?:Exception|Error|Fault)\b|\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOENT|EACCES|ENOSPC|EHOSTUNREACH|EAI_AGAIN|EIO|ENOMEM)\b/;
/** Cheap superset of ERROR_CLASS (no leading character class, so the engine can skip ahead): most lines fail it. */
const MAYBE_CLASS = /(?:Exception|Error|Fault)\b|\bE(?:CONN|TIMEDOUT|PIPE|NOENT|ACCES|NOSPC|HOSTUNREACH|AI_AGAIN|IO\b|NOMEM)/;
const NOT_ERROR = /\b(?:0|no|zero) (?:errors?|failures?)\b/i;
const TRACE = /\n\s+at\s|\nTraceback \(|\nCaused by:/;

/** Severity read from the header or first words of the message's first line, when there is one. */
export function messageLevel(message: string): Level | undefined {
  const nl = message.indexOf('\n');
  return parseHeader(message, 0, nl < 0 ? message.length : nl).level;
}

export function isErrorMessage(message: string): boolean {
  return isErrorText(message, messageLevel(message));
}

/** isErrorMessage when the caller already read the level (the hot path of logSpikes: one header scan per event). */
export function isErrorText(message: string, level: Level | undefined): boolean {
  if (level === 'fatal' || level === 'error') return true;
  if (level === 'debug' || level === 'trace') return false;
  const head = message.length > 2000 ? message.slice(0, 2000) : message;
  if (head.indexOf('\n') >= 0 && TRACE.test(head)) return true;
  return (ERROR_WORDS.test(head) || (MAYBE_CLASS.test(head) && ERROR_CLASS.test(head))) && !NOT_ERROR.test(head);
}
