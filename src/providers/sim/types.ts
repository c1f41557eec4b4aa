// What a simulator handler answers; server.ts writes it to the socket.
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}
