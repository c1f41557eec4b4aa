// Fronts the simulator with GET /repos/{o}/{r}/branches/{b} (protection), forwarding everything else unchanged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function branchProtectionProxy(target: string, protectedBranches: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/repos\/[^/]+\/[^/]+\/branches\/(.+)$/.exec(req.url ?? '');
      if (m && req.method === 'GET') {
        const name = decodeURIComponent(m[1]);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ name, protected: protectedBranches.includes(name), commit: { sha: '0'.repeat(40) } }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length').map(([k, v]) => [k, String(v)]));
      void fetch(target + (req.url ?? '/'), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }).then(async (r) => {
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => { if (!/^(content-encoding|content-length|transfer-encoding|connection)$/.test(k)) out[k] = v; });
        res.writeHead(r.status, out);
        res.end(Buffer.from(await r.arrayBuffer()));
      }, (e: Error) => {
        res.writeHead(502);
        res.end(e.message);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}
