// The one wrapper around the openai client, for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM,
// LM Studio). The client is injected; `createOpenAiChat` builds it lazily from settings.
import type { CompleteOptions } from '../../core/llm/llmAnalysis';
import type { LlmRequest } from '../../core/llm/request';
import { loadLlmSdk } from './loadLlmSdk';

type OpenAIClient = InstanceType<ReturnType<typeof loadLlmSdk>['OpenAI']>;

export interface OpenAiChatSettings {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/** One clear line for the user; the cause stays attached for the log. */
export class LlmError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'LlmError';
  }
}

export class OpenAiChat {
  constructor(private readonly client: OpenAIClient, private readonly model: string, private readonly endpoint: string) {}

  async complete(request: LlmRequest, opts: CompleteOptions = {}): Promise<string> {
    try {
      return await this.stream(request, opts, { type: 'json_schema', json_schema: { name: 'incident_analysis', schema: request.schema as unknown as Record<string, unknown>, strict: true } });
    } catch (e) {
      // Some compatible servers know only json_object; ask again in that mode rather than fail.
      if (isStatus(e, 400) && /response_format|json_schema/i.test(String((e as Error).message))) {
        try {
          return await this.stream(request, opts, { type: 'json_object' });
        } catch (e2) {
          throw this.explain(e2);
        }
      }
      throw this.explain(e);
    }
  }

  private async stream(
    request: LlmRequest,
    opts: CompleteOptions,
    responseFormat: { type: 'json_object' } | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict: boolean } },
  ): Promise<string> {
    const stream = await this.client.chat.completions.create(
      { model: this.model, messages: request.messages, max_tokens: request.maxAnswerTokens, temperature: 0, stream: true, response_format: responseFormat },
      { signal: opts.signal },
    );
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta?.content ?? '';
      if (delta) {
        text += delta;
        opts.onDelta?.(delta);
      }
    }
    return text;
  }

  private explain(e: unknown): LlmError {
    const sdk = loadLlmSdk();
    const err = e as Error;
    if (e instanceof sdk.openaiErrors.APIUserAbortError || err?.name === 'AbortError') return new LlmError('the LLM request was cancelled', e);
    if (e instanceof sdk.openaiErrors.APIConnectionTimeoutError) return new LlmError(`the LLM endpoint ${this.endpoint} did not answer in time`, e);
    if (e instanceof sdk.openaiErrors.APIConnectionError) return new LlmError(`cannot reach the LLM endpoint ${this.endpoint}: check the base URL and that the server is running`, e);
    if (e instanceof sdk.openaiErrors.AuthenticationError) return new LlmError(`the LLM endpoint ${this.endpoint} rejected the API key (401): set it again`, e);
    if (e instanceof sdk.openaiErrors.PermissionDeniedError) return new LlmError(`the LLM endpoint ${this.endpoint} refused access (403) to model '${this.model}'`, e);
    if (e instanceof sdk.openaiErrors.NotFoundError) return new LlmError(`the model '${this.model}' is unknown at ${this.endpoint} (404): check the model name`, e);
    if (e instanceof sdk.openaiErrors.RateLimitError) return new LlmError(`the LLM endpoint ${this.endpoint} is rate limiting (429) after retries`, e);
    if (e instanceof sdk.openaiErrors.APIError) return new LlmError(`the LLM endpoint ${this.endpoint} failed: ${e.status ?? ''} ${firstLine(e.message)}`.trim(), e);
    return new LlmError(`the LLM call failed: ${firstLine(err?.message ?? String(e))}`, e);
  }
}

function isStatus(e: unknown, status: number): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: number }).status === status;
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 300);
}

export function createOpenAiChat(settings: OpenAiChatSettings): OpenAiChat {
  const { OpenAI } = loadLlmSdk();
  const client = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey || 'not-needed',
    timeout: settings.timeoutMs ?? 60_000,
    maxRetries: settings.maxRetries ?? 2,
  });
  return new OpenAiChat(client, settings.model, settings.baseURL);
}
