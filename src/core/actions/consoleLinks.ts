// Deep links into the AWS console and GitHub, for evidence in PR bodies and reports.

/** CloudWatch alarm page. */
export function alarmConsoleUrl(region: string, alarmName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}

// The console keeps the Logs Insights query in the fragment with its own escaping: values URI-encoded with '%' → '*',
// then the whole detail URI-encoded with '%' → '$'.
const inner = (s: string) => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%/g, '*');
const outer = (s: string) => encodeURIComponent(s).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%/g, '$');

/** Logs Insights with the query, groups and absolute time range filled in. */
export function logsInsightsUrl(region: string, groups: string[], query: string, start: string, end: string): string {
  const sources = groups.map((g) => `~'${inner(g)}`).join('');
  const detail = `~(end~'${inner(end)}~start~'${inner(start)}~timeType~'ABSOLUTE~tz~'UTC~editorString~'${inner(query)}~source~(${sources}))`;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:logs-insights${outer('?queryDetail=')}${outer(detail)}`;
}

/** github.com for api.github.com; https://HOST for GitHub Enterprise's https://HOST/api/v3; the URL itself otherwise. */
export function githubWebUrl(apiBaseUrl: string): string {
  const u = apiBaseUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(u)) return 'https://github.com';
  return u.replace(/\/api\/v3$/i, '');
}

export function commitUrl(webUrl: string, owner: string, repo: string, sha: string): string {
  return `${webUrl.replace(/\/+$/, '')}/${owner}/${repo}/commit/${sha}`;
}

/** A Logs Insights query that finds the messages of a mined template: its longest literal run. */
export function queryForTemplate(template: string): string {
  const literal = template.split(/<\*>|<[A-Z_]+>|\*/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
  const needle = literal.slice(0, 80).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\//g, '\\/');
  return `fields @timestamp, @logStream, @message\n| filter @message like /${needle}/\n| sort @timestamp desc\n| limit 100`;
}
