import * as vscode from 'vscode';
import type { RedactOptions } from '../../core/llm/redact';

export const API_KEY_SECRET = 'incidentLens.llm.apiKey';

export interface LlmSettings {
  enabled: boolean;
  baseURL: string;
  model: string;
  contextTokens: number;
  timeoutMs: number;
  redact: RedactOptions;
}

export function readLlmSettings(): LlmSettings {
  const c = vscode.workspace.getConfiguration('incidentLens.llm');
  return {
    enabled: c.get<boolean>('enabled', false),
    baseURL: c.get<string>('baseUrl', 'https://api.openai.com/v1'),
    model: c.get<string>('model', ''),
    contextTokens: c.get<number>('contextTokens', 16_000),
    timeoutMs: c.get<number>('timeoutSeconds', 120) * 1000,
    redact: {
      emails: c.get<boolean>('redact.emails', true),
      ips: c.get<boolean>('redact.ips', true),
      extraPatterns: c.get<string[]>('redact.extraPatterns', []),
    },
  };
}
