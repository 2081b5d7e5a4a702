/**
 * A small HTTP proxy in front of moto that injects what moto cannot produce: throttling errors, slow answers,
 * odd stack states (ROLLBACK_COMPLETE, UPDATE_ROLLBACK_FAILED, *_IN_PROGRESS) and calls moto does not implement.
 * It also counts calls per API action, so tests assert on what deploy sent (e.g. zero CreateChangeSet).
 * Understands the AWS query protocol (form bodies with `Action=`) and JSON protocol (`X-Amz-Target`).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ProxyReply {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  /** Wait this long before answering (slow endpoint). */
  readonly delayMs?: number;
}

export interface ProxyRule {
  readonly action: string;
  /** How many matching calls this rule handles (default: all). */
  times?: number;
  /** Extra match on the request's form parameters (and headers, e.g. which credentials signed it). */
  readonly when?: (params: URLSearchParams, headers: IncomingHttpHeaders) => boolean;
  readonly handle: (call: { readonly params: URLSearchParams; readonly forward: () => Promise<Upstream> }) => Promise<ProxyReply>;
}

export interface FaultProxy {
  readonly url: string;
  readonly calls: Map<string, number>;
  /** Every call in arrival order, with the stack or change set it named. */
  readonly log: { readonly action: string; readonly target: string }[];
  rules: ProxyRule[];
  count(action: string): number;
  reset(): void;
  close(): Promise<void>;
}

function actionOf(method: string, headers: IncomingHttpHeaders, body: string): { action: string; params: URLSearchParams } {
  // S3 (REST): named by its HTTP method, e.g. `S3 PUT` for PutObject.
  if (headers.authorization?.includes('/s3/aws4_request')) return { action: `S3 ${method}`, params: new URLSearchParams() };
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return { action: target.split('.').pop() ?? target, params: new URLSearchParams() };
  const params = new URLSearchParams(body);
  return { action: params.get('Action') ?? 'Unknown', params };
}

function forwardTo(upstream: URL, method: string, path: string, headers: IncomingHttpHeaders, body: string): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: upstream.hostname, port: upstream.port, method, path, headers: { ...headers, host: upstream.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts the proxy on a free loopback port in front of `upstreamUrl`. */
export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const calls = new Map<string, number>();
  const log: { action: string; target: string }[] = [];
  const proxy: { rules: ProxyRule[] } = { rules: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { action, params } = actionOf(req.method ?? 'POST', req.headers, body);
      calls.set(action, (calls.get(action) ?? 0) + 1);
      log.push({ action, target: params.get('StackName') ?? params.get('ChangeSetName') ?? '' });
      const forward = (): Promise<Upstream> => forwardTo(upstream, req.method ?? 'POST', req.url ?? '/', req.headers, body);
      const rule = proxy.rules.find((r) => r.action === action && (r.times === undefined || r.times > 0) && (r.when === undefined || r.when(params, req.headers)));
      const answer = async (): Promise<ProxyReply & { headers?: IncomingHttpHeaders }> => {
        if (!rule) {
          const up = await forward();
          return { status: up.status, body: up.body, headers: up.headers };
        }
        if (rule.times !== undefined) rule.times -= 1;
        return rule.handle({ params, forward });
      };
      answer().then(
        async (reply) => {
          if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
          if (res.destroyed) return;
          const headers: Record<string, string> = {};
          if ('headers' in reply && reply.headers) {
            for (const [k, v] of Object.entries(reply.headers)) {
              if (typeof v === 'string' && !['content-length', 'transfer-encoding', 'connection'].includes(k)) headers[k] = v;
            }
          }
          if (reply.contentType) headers['content-type'] = reply.contentType;
          headers['content-length'] = String(Buffer.byteLength(reply.body));
          res.writeHead(reply.status, headers);
          res.end(reply.body);
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    log,
    get rules() {
      return proxy.rules;
    },
    set rules(value: ProxyRule[]) {
      proxy.rules = value;
    },
    count: (action) => calls.get(action) ?? 0,
    reset() {
      calls.clear();
      log.length = 0;
      proxy.rules = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A query-protocol error answer (what CloudFormation and STS send). */
export function queryError(code: string, message: string, status = 400): ProxyReply {
  return {
    status,
    contentType: 'text/xml',
    body: `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
  };
}

/** A successful query-protocol answer for an action with the given result XML. */
export function queryResult(action: string, resultXml: string): ProxyReply {
  return {
    status: 200,
    contentType: 'text/xml',
    body: `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${resultXml}</${action}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** Forwards to moto and rewrites the body of its answer. */
export function rewrite(edit: (body: string) => string): ProxyRule['handle'] {
  return async ({ forward }) => {
    const up = await forward();
    return { status: up.status, body: edit(up.body), contentType: typeof up.headers['content-type'] === 'string' ? up.headers['content-type'] : 'text/xml' };
  };
}
