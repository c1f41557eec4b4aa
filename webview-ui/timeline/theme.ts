// Colours from the VS Code theme's CSS variables, re-read when the theme changes (body class).

export interface Palette {
  fg: string;
  muted: string;
  grid: string;
  laneAlt: string;
  error: string;
  warn: string;
  info: string;
  deploy: string;
  metric: string;
  ticket: string;
  change: string;
  focus: string;
  onset: string;
  highContrast: boolean;
}

export function readPalette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const hc = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  return {
    fg: v('--vscode-foreground', '#cccccc'),
    muted: v('--vscode-descriptionForeground', '#999999'),
    grid: v('--vscode-editorRuler-foreground', v('--vscode-panel-border', '#80808040')),
    laneAlt: v('--vscode-list-hoverBackground', '#80808014'),
    error: v('--vscode-charts-red', '#f14c4c'),
    warn: v('--vscode-charts-yellow', '#cca700'),
    info: v('--vscode-charts-blue', '#3794ff'),
    deploy: v('--vscode-charts-purple', '#b180d7'),
    metric: v('--vscode-charts-green', '#89d185'),
    ticket: v('--vscode-charts-orange', '#d18616'),
    change: v('--vscode-charts-foreground', '#cccccc'),
    focus: v('--vscode-focusBorder', '#007fd4'),
    onset: v('--vscode-editorError-foreground', '#f14c4c'),
    highContrast: hc,
  };
}
