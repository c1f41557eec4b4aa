// Whether a log message reads as an error: by its severity word, or by the words errors are written with.
import { type Level, parseHeader } from './header';

const ERROR_WORDS = /\b(?:error|errors|exception|fatal|failed|failure|fails|panic|traceback|timed? ?out|refused|denied|unavailable|unreachable|crash(?:ed)?|abort(?:ed)?|segfault|killed|oom|out of memory|throttl\w*|exceeded)\b/i;
/** Class names such as NullPointerException or errno codes (ECONNRESET) read as errors too. */
const ERROR_CLASS = /[a-z](?:Exception|Error|Fault)\b|\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ENOENT|EACCES|ENOSPC|EHOSTUNREACH|EAI_AGAIN|EIO|ENOMEM)\b/;
const NOT_ERROR = /\b(?:0|no|zero) (?:errors?|failures?)\b/i;

/** Severity read from the message's header or first words, when there is one. */
export function messageLevel(message: string): Level | undefined {
  return parseHeader(message).level;
}

export function isErrorMessage(message: string): boolean {
  const level = messageLevel(message);
  if (level === 'fatal' || level === 'error') return true;
  if (level === 'debug' || level === 'trace') return false;
  const head = message.length > 2000 ? message.slice(0, 2000) : message;
  if (/\n\s+at\s|\nTraceback \(|\nCaused by:/.test(head)) return true;
  return (ERROR_WORDS.test(head) || ERROR_CLASS.test(head)) && !NOT_ERROR.test(head);
}
