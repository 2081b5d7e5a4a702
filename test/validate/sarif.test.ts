import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { repositoryPath, toSarif } from '../../compiler/report/sarif.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { DEFAULT_BLOCKING } from '../../compiler/diagnostics/diagnostic.js';
import { IAM_CHECK_CODES } from '../../compiler/iam-checks/codes.js';

/** The part of SARIF 2.1.0 that GitHub code scanning requires and reads. */
const GITHUB_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string' },
    runs: {
      type: 'array', minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object', required: ['driver'],
            properties: {
              driver: {
                type: 'object', required: ['name', 'rules'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object', required: ['id', 'shortDescription', 'fullDescription', 'help'],
                      properties: {
                        id: { type: 'string', minLength: 1, maxLength: 255 },
                        shortDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 1024 } } },
                        fullDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 1024 } } },
                        help: { type: 'object', required: ['text'] },
                        helpUri: { type: 'string', pattern: '^https?://' },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array', maxItems: 25000,
            items: {
              type: 'object', required: ['ruleId', 'message', 'locations', 'level'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['error', 'warning', 'note', 'none'] },
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                locations: {
                  type: 'array', minItems: 1, maxItems: 1,
                  items: {
                    type: 'object', required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object', required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', pattern: '^[^/]' } } },
                          region: {
                            type: 'object', required: ['startLine'],
                            properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } },
                          },
                        },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                suppressions: { type: 'array', items: { type: 'object', required: ['kind'], properties: { kind: { enum: ['inSource', 'external'] } } } },
              },
            },
          },
        },
      },
    },
  },
};

const FILE = 'specs/cloudstack.platform.yaml';
const diagnostics: readonly Diagnostic[] = [
  { code: 'IAM105', severity: 'SECURITY_WARNING', message: 'iam:PassRole on Resource "*"', file: FILE, path: ['iam', 'roles', 'deployer'], position: { file: FILE, line: 41, col: 7 }, notes: ['in demo-dev-iam, demo-prod-iam: DeployerRole inline policy 0, statement 0'] },
  { code: 'cfn-lint E3002', severity: 'error', message: 'Additional properties are not allowed', file: FILE, path: ['hosts'], hint: 'see https://github.com/aws-cloudformation/cfn-lint' },
  { code: 'access-analyzer REDUNDANT_ACTION', severity: 'SUGGESTION', message: 'redundant', file: FILE, path: ['iam'], position: { file: FILE, line: 12, col: 3 } },
  { code: 'IAM111', severity: 'SECURITY_WARNING', message: 'undeclared account', file: FILE, path: ['iam'], position: { file: FILE, line: 50, col: 3 }, acknowledged: 'audit account, see TICKET-1' },
];

function sarif(): Record<string, unknown> {
  return toSarif(diagnostics, {
    registry: IAM_CHECK_CODES, toolVersion: '0.1.0', blocking: DEFAULT_BLOCKING,
    locate: (d) => (d.path[0] === 'hosts' ? { file: FILE, line: 30, col: 1 } : undefined),
  }) as Record<string, unknown>;
}

describe('SARIF output', () => {
  it('has the structure GitHub code scanning accepts', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(GITHUB_SUBSET);
    expect(validate(sarif()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('puts each finding on its spec line with the level its severity blocks at', () => {
    const log = sarif() as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[]; suppressions?: unknown[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const run = log.runs[0]!;
    const rows = run.results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn]);
    expect(rows).toEqual([
      ['access-analyzer REDUNDANT_ACTION', 'note', 12, 3],
      ['cfn-lint E3002', 'error', 30, 1],
      ['IAM105', 'error', 41, 7],
      ['IAM111', 'note', 50, 3],
    ]);
    expect(run.results[3]?.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'audit account, see TICKET-1' }]);
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(IAM_CHECK_CODES.map((c) => c.code)));
    expect(ids).toContain('cfn-lint E3002');
    run.results.forEach((r) => expect(ids).toContain(r.ruleId));
  });

  it('says in the message what to do and where in the generated stacks, as the text report does', () => {
    const log = sarif() as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    const passRole = log.runs[0]?.results.find((r) => r.ruleId === 'IAM105');
    expect(passRole?.message.text).toBe(
      `SECURITY_WARNING IAM105: iam:PassRole on Resource "*" (${IAM_CHECK_CODES.find((c) => c.code === 'IAM105')?.fix ?? ''}) [in demo-dev-iam, demo-prod-iam: DeployerRole inline policy 0, statement 0]`,
    );
  });

  it('is deterministic', () => {
    expect(JSON.stringify(sarif())).toBe(JSON.stringify(sarif()));
  });

  it.each([
    ['specs/a.platform.yaml', '', 'specs/a.platform.yaml'],
    ['specs/a.platform.yaml', 'infra/', 'infra/specs/a.platform.yaml'],
    ['../specs/a.platform.yaml', 'infra/tools/', 'infra/specs/a.platform.yaml'],
  ])('names %s, seen from %j inside the repository, as %s from the root code scanning resolves', (file, prefix, expected) => {
    expect(repositoryPath(file, prefix)).toBe(expected);
  });
});
