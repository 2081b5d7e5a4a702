/**
 * A local stand-in for IAM Access Analyzer that speaks its REST-JSON protocol, so tests drive the real
 * @aws-sdk/client-accessanalyzer end to end: POST /policy/validation (query maxResults/nextToken),
 * POST /policy/check-no-new-access, POST /policy/check-access-not-granted; errors as the service sends them
 * (status code, `x-amzn-ErrorType` header, JSON body with `message`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
}

export type Handler = (request: RecordedRequest, index: number) => Reply;

export interface FakeAccessAnalyzer {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A throttling error exactly as the service returns it. */
export function throttling(): Reply {
  return { status: 429, errorType: 'ThrottlingException', body: { message: 'Rate exceeded' } };
}

/** A validation error exactly as the service returns it. */
export function validationError(message: string): Reply {
  return { status: 400, errorType: 'ValidationException', body: { message, reason: 'other', fieldList: [{ name: 'policyDocument', message }] } };
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts the server on 127.0.0.1 at a random port; `handler` answers each request. */
export async function startFakeAccessAnalyzer(handler: Handler): Promise<FakeAccessAnalyzer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((text) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers: request.headers,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      requests.push(recorded);
      const known = ['/policy/validation', '/policy/check-no-new-access', '/policy/check-access-not-granted'];
      const reply = request.method === 'POST' && known.includes(url.pathname)
        ? handler(recorded, requests.length - 1)
        : { status: 404, errorType: 'ResourceNotFoundException', body: { message: `no route ${request.method} ${url.pathname}` } };
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': `req-${requests.length}` };
      if (reply.errorType) headers['x-amzn-errortype'] = reply.errorType;
      response.writeHead(reply.status, headers);
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
