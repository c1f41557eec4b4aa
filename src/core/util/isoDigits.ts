// Character-level pieces shared by the ISO-8601 time scanners (schema validation, epoch conversion): both run once
// per timestamp of a snapshot, hundreds of thousands of times, so neither uses a regular expression.

/** Two decimal digits at s[i] as a number, or -1 when either is not a digit. */
export function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
