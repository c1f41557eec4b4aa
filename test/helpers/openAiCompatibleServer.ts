// An OpenAI-compatible chat-completions server on 127.0.0.1 for tests: speaks the real wire protocol (JSON and SSE
// streaming), records every request body, and answers with whatever the test scripts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  /** Whole reply text, streamed in chunks when the client asks for a stream. */
  content?: string;
  /** Error body for non-200 answers. */
  error?: { message: string; type?: string; code?: string };
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface OpenAiCompatibleServer {
  baseURL: string;
  requests: RecordedRequest[];
  /** Replies used in order; the last one repeats. */
  replies: ScriptedReply[];
  close(): Promise<void>;
}

export async function startOpenAiCompatibleServer(replies: ScriptedReply[]): Promise<OpenAiCompatibleServer> {
  const state = { requests: [] as RecordedRequest[], replies, served: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ path: req.url ?? '', headers: req.headers, body });
      const reply = state.replies[Math.min(state.served++, state.replies.length - 1)] ?? { content: '' };
      const send = () => {
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        if (status !== 200) {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: reply.error?.message ?? 'error', type: reply.error?.type ?? 'server_error', code: reply.error?.code ?? null } }));
          return;
        }
        const parsed = JSON.parse(body || '{}') as { stream?: boolean; model?: string };
        const content = reply.content ?? '';
        const base = { id: 'chatcmpl-test', created: 1, model: parsed.model ?? 'test-model' };
        if (!parsed.stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const pieces = content.match(/[\s\S]{1,17}/g) ?? [];
        for (const piece of pieces) {
          res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
        }
        res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: state.requests,
    replies: state.replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
