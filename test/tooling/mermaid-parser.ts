/**
 * Mermaid's own parser, the one GitHub renders pull requests and READMEs with, run in Node over a jsdom window
 * (mermaid reaches for `window` and `document` when it loads). Loaded once, on first use.
 */
import { JSDOM } from 'jsdom';

type MermaidApi = { parse(text: string): Promise<unknown> };
let loading: Promise<MermaidApi> | undefined;

function load(): Promise<MermaidApi> {
  loading ??= (async () => {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window, document: window.document });
    const { default: mermaid } = await import('mermaid');
    return mermaid as MermaidApi;
  })();
  return loading;
}

/** Parses a diagram; resolves with the error message when Mermaid refuses it, undefined when it accepts it. */
export async function mermaidError(text: string): Promise<string | undefined> {
  const mermaid = await load();
  try {
    await mermaid.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
