// The timeline page. Pure (no vscode) so the benchmark serves the very same markup.

export interface TimelineHtmlOptions {
  /** Webview cspSource, or '' outside VS Code (the benchmark page). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** Texts of the page chrome, localised by the host. */
  text: { lanes: string; sources: string; reset: string; help: string; loading: string };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function timelineHtml(o: TimelineHtmlOptions): string {
  const csp = `default-src 'none'; img-src ${o.cspSource} data:; script-src 'nonce-${o.nonce}'; style-src ${o.cspSource}; font-src ${o.cspSource}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(o.styleUri)}">
<title>Incident timeline</title>
</head>
<body class="is-empty">
<header>
  <h1 id="title">${esc(o.text.loading)}</h1>
  <div class="filters" id="lanes" role="group" aria-label="${esc(o.text.lanes)}"></div>
  <details><summary>${esc(o.text.sources)}</summary><div class="filters" id="sources" role="group" aria-label="${esc(o.text.sources)}"></div></details>
  <button id="reset" type="button">${esc(o.text.reset)}</button>
</header>
<div id="chart">
  <div id="labels" aria-hidden="true"></div>
  <div id="plot">
    <svg id="axis" height="22" aria-hidden="true"><g></g></svg>
    <canvas id="canvas" tabindex="0" role="application" aria-label="${esc(o.text.help)}" aria-describedby="status"></canvas>
  </div>
  <div id="tooltip" role="tooltip" hidden></div>
</div>
<p class="help">${esc(o.text.help)}</p>
<div id="status" class="sr-only" aria-live="polite"></div>
<script nonce="${esc(o.nonce)}" src="${esc(o.scriptUri)}"></script>
</body>
</html>`;
}
