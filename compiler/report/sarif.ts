/**
 * SARIF 2.1.0 for GitHub code scanning: each finding becomes an annotation on the spec line of the pull request
 * that caused it. Rules come from the code registry (title, why, fix); codes of external tools (`cfn-lint E3012`,
 * `access-analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE`) get a rule of their own with a link to the tool's docs.
 * Acknowledged findings stay in the report as notes with an in-source suppression carrying the spec's reason.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { CodeInfo } from '../diagnostics/codes.js';
import { hintOf } from '../diagnostics/hint.js';
import { reportLevel, type Diagnostic, type Severity, type SourcePosition } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import { compareText } from '../model/compare-text.js';

export interface SarifOptions {
  /** Every documented code (the code registry). */
  readonly registry: readonly CodeInfo[];
  readonly toolVersion: string;
  /** The spec position of a diagnostic that carries only a path. */
  readonly locate: (diagnostic: Diagnostic) => SourcePosition | undefined;
  /** Severities that block (shown as `error`); others become `warning` or `note`. */
  readonly blocking: readonly Severity[];
  /**
   * The working directory's path inside the repository (`git rev-parse --show-prefix`, e.g. `infra/`): file names
   * are relative to the working directory, while code scanning resolves `%SRCROOT%` at the repository root.
   */
  readonly repositoryPrefix?: string;
}

interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri?: string;
  readonly properties: { readonly tags: readonly string[] };
}


function pascal(text: string): string {
  return text.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase());
}

function externalRule(code: string, example: Diagnostic | undefined): SarifRule {
  const [tool = code, id = code] = code.split(' ');
  const link = /https?:\/\/\S+/.exec(example?.hint ?? '')?.[0];
  const helpUri = tool === 'cfn-lint' ? `https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md#rules-${id.charAt(0)}` : link;
  const text = tool === 'cfn-lint' ? `cfn-lint rule ${id}` : tool === 'access-analyzer' ? `IAM Access Analyzer policy check ${id}` : code;
  return {
    id: code,
    name: pascal(code),
    shortDescription: { text },
    fullDescription: { text: `${text}, reported on the spec line that produced the template element.` },
    help: { text, markdown: helpUri ? `${text}. See [the documentation](${helpUri}).` : text },
    ...(helpUri ? { helpUri } : {}),
    properties: { tags: [tool, 'cloudformation'] },
  };
}

function registryRule(info: CodeInfo): SarifRule {
  return {
    id: info.code,
    name: pascal(info.title),
    shortDescription: { text: info.title },
    fullDescription: { text: info.why },
    help: {
      text: `${info.why}\nFix: ${info.fix}\nExample: ${info.example}`,
      markdown: `${info.why}\n\n**Fix:** ${info.fix}\n\n**Example:**\n\n\`\`\`yaml\n${info.example}\n\`\`\``,
    },
    properties: { tags: ['platformc', info.code.replace(/\d+$/, '').toLowerCase()] },
  };
}

/** A path relative to the working directory, as a path relative to the repository root. */
export function repositoryPath(file: string, prefix: string): string {
  return posix.normalize(posix.join(prefix, file.split('\\').join('/')));
}

/** A fingerprint that survives unrelated edits: code, file and message, not the line number. */
function fingerprint(d: Diagnostic): string {
  return createHash('sha256').update(`${d.code}\u0000${d.file}\u0000${d.message}`).digest('hex').slice(0, 32);
}

/**
 * Builds the SARIF log. Rules are listed for every code in the registry (so code scanning can tell "ran and found
 * nothing" from "unknown rule") plus each external code that occurs; results are sorted by file and position.
 */
export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): object {
  const rules: SarifRule[] = options.registry.map(registryRule);
  const known = new Set(rules.map((r) => r.id));
  for (const d of diagnostics) {
    if (!known.has(d.code)) {
      rules.push(externalRule(d.code, d));
      known.add(d.code);
    }
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const located = diagnostics.map((d) => ({ d, position: d.position ?? options.locate(d) }));
  located.sort((a, b) => compareText(a.d.file, b.d.file) || (a.position?.line ?? 0) - (b.position?.line ?? 0)
    || (a.position?.col ?? 0) - (b.position?.col ?? 0) || compareText(a.d.code, b.d.code));
  const message = (d: Diagnostic): string => {
    const hint = hintOf(d);
    const notes = (d.notes ?? []).map((note) => ` [${note}]`).join('');
    return `${d.severity} ${d.code}: ${d.message}${hint ? ` (${hint})` : ''}${notes}${d.acknowledged === undefined ? '' : ` [acknowledged: ${d.acknowledged}]`}`;
  };
  const results = located.map(({ d, position }) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code) ?? 0,
    level: reportLevel(d, options.blocking),
    message: { text: message(d) },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: repositoryPath(d.file, options.repositoryPrefix ?? ''), uriBaseId: '%SRCROOT%' },
        region: { startLine: Math.max(1, position?.line ?? 1), startColumn: Math.max(1, position?.col ?? 1) },
      },
    }],
    partialFingerprints: { platformcFindingHash: fingerprint(d) },
    properties: { severity: d.severity },
    ...(d.acknowledged === undefined ? {} : { suppressions: [{ kind: 'inSource', status: 'accepted', justification: d.acknowledged }] }),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'platformc', version: options.toolVersion, rules } },
      results,
    }],
  };
}

/**
 * The SARIF document for a validate run, as text: rules from the code registry, positions resolved from the
 * loaded specs, the package version as the tool version.
 */
export async function sarifReport(diagnostics: readonly Diagnostic[], options: { sources: ReadonlyMap<string, LoadedSpec>; blocking: readonly Severity[]; cwd: string }): Promise<string> {
  const [{ CODE_REGISTRY }, { resolvePosition }, { prefixInRepository }] = await Promise.all([
    import('../diagnostics/code-registry.js'),
    import('../diagnostics/render.js'),
    import('../git/git.js'),
  ]);
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const log = toSarif(diagnostics, {
    registry: CODE_REGISTRY,
    toolVersion: version,
    blocking: options.blocking,
    repositoryPrefix: (await prefixInRepository({ cwd: options.cwd })) ?? '',
    locate: (d) => resolvePosition(d, options.sources),
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}
