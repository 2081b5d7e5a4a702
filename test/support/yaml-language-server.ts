/**
 * The real yaml-language-server (the one behind VS Code's YAML extension and most editors' YAML support), started
 * over stdio and spoken to in LSP's own framing, so tests see what an editor shows for a spec: diagnostics,
 * hover and completion from the shipped JSON Schema.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface LspDiagnostic {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly message: string;
}

export interface CompletionItem {
  readonly label: string;
  readonly kind?: number;
  readonly insertText?: string;
  readonly textEdit?: { readonly newText: string; readonly range?: { readonly start: Position; readonly end: Position } };
  readonly documentation?: string | { readonly value: string };
}

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

export interface LanguageServer {
  /** Opens a document and resolves with the diagnostics the server publishes for it. */
  open(uri: string, text: string): Promise<readonly LspDiagnostic[]>;
  completion(uri: string, position: Position): Promise<readonly CompletionItem[]>;
  /** The hover text (Markdown), empty when there is none. */
  hover(uri: string, position: Position): Promise<string>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

const YAML_SETTINGS = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };

/** The server's entry point, from the installed package. */
function serverScript(): string {
  return join(dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
}

/** Starts the server with `root` as the workspace; schemas come from each document's `$schema` modeline. */
export async function startYamlLanguageServer(root: string): Promise<LanguageServer> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [serverScript(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  let nextId = 0;
  const pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  const diagnosticWaiters = new Map<string, (d: readonly LspDiagnostic[]) => void>();

  const send = (message: object): void => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const request = (method: string, params: unknown): Promise<Message> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      send({ id, method, params });
    });
  const notify = (method: string, params: unknown): void => send({ method, params });

  const handle = (message: Message): void => {
    if (message.id !== undefined && message.method === undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message);
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; diagnostics: LspDiagnostic[] };
      diagnosticWaiters.get(params.uri)?.(params.diagnostics);
      diagnosticWaiters.delete(params.uri);
      return;
    }
    // Requests from the server (configuration, registrations). The YAML settings keep everything on and the
    // schema store off: schemas come from the modelines only, and nothing is fetched from the network.
    if (message.id !== undefined) {
      const items = (message.params as { items?: { section?: string }[] } | undefined)?.items ?? [];
      send({ id: message.id, result: message.method === 'workspace/configuration' ? items.map((item) => (item.section === 'yaml' ? YAML_SETTINGS : {})) : null });
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1] ?? Number.NaN);
      if (buffer.length < headerEnd + 4 + length) return;
      handle(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message);
      buffer = buffer.subarray(headerEnd + 4 + length);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {
      textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } }, hover: { contentFormat: ['markdown'] } },
      workspace: { configuration: true },
    },
  });
  notify('initialized', {});

  return {
    open: (uri, text) =>
      new Promise((resolve) => {
        diagnosticWaiters.set(uri, resolve);
        notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      }),
    completion: async (uri, position) => {
      const { result } = await request('textDocument/completion', { textDocument: { uri }, position });
      const list = result as { items?: CompletionItem[] } | CompletionItem[] | null;
      return Array.isArray(list) ? list : (list?.items ?? []);
    },
    hover: async (uri, position) => {
      const { result } = await request('textDocument/hover', { textDocument: { uri }, position });
      const contents = (result as { contents?: { value?: string } | string } | null)?.contents;
      return typeof contents === 'string' ? contents : (contents?.value ?? '');
    },
    stop: async () => {
      await request('shutdown', null).catch(() => undefined);
      notify('exit', null);
      const timer = setTimeout(() => child.kill(), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The text an editor inserts for a snippet completion at a line indented by `indent`: placeholders take their
 * defaults, and every further line is indented like the line the completion started on.
 */
export function expandSnippet(item: CompletionItem, indent: string): string {
  const text = item.textEdit?.newText ?? item.insertText ?? item.label;
  return text
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .split('\n')
    .map((line, index) => (index === 0 ? line : `${indent}${line}`))
    .join('\n');
}
