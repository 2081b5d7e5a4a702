/**
 * The change table of deploy's preview: a new stack's rows have no replacement and no cause, so those columns are
 * left out rather than printed empty; an update shows them, with the colors that make a replacement stand out.
 */
import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { renderPreview } from '../../compiler/deploy/preview.js';
import type { PreviewRow, StackReport } from '../../compiler/deploy/report.js';

const report = (changeSetType: 'CREATE' | 'UPDATE', changes: readonly PreviewRow[]): StackReport => ({
  stack: 'hosts', stackName: 'demo-dev-hosts', result: 'planned', changeSetType, changes, outputs: [], protection: [],
});
const header = (text: string): string => (text.split('\n').find((line) => line.trimStart().startsWith('Action')) ?? '').trim();

describe('the preview table', () => {
  it('leaves out Replacement and Cause when no row has one', () => {
    const text = renderPreview([report('CREATE', [
      { action: 'Add', logicalId: 'RouterInstance', resourceType: 'AWS::EC2::Instance', location: 'specs/x.platform.yaml:40:3' },
      { action: 'Add', logicalId: 'Vpc', resourceType: 'AWS::EC2::VPC', location: 'specs/x.platform.yaml:7:14' },
    ])], colors(false));
    expect(header(text).split(/ {2,}/)).toEqual(['Action', 'Logical id', 'Type', 'Spec']);
    expect(text).toContain('    Add     Vpc             AWS::EC2::VPC       specs/x.platform.yaml:7:14\n');
  });

  it.each([
    ['a replacement', { replacement: 'True' }, ['Action', 'Logical id', 'Type', 'Replacement', 'Spec']],
    ['a cause', { cause: 'ImageId (parameter ImageId)' }, ['Action', 'Logical id', 'Type', 'Cause', 'Spec']],
    ['both', { replacement: 'Conditional', cause: 'UserData' }, ['Action', 'Logical id', 'Type', 'Replacement', 'Cause', 'Spec']],
  ])('shows a column as soon as one row has %s', (_name, extra, columns) => {
    const text = renderPreview([report('UPDATE', [
      { action: 'Modify', logicalId: 'RouterInstance', resourceType: 'AWS::EC2::Instance', location: 'specs/x.platform.yaml:40:3', ...extra },
      { action: 'Add', logicalId: 'Vpc', resourceType: 'AWS::EC2::VPC', location: 'specs/x.platform.yaml:7:14' },
    ])], colors(false));
    expect(header(text).split(/ {2,}/)).toEqual(columns);
  });

  it('still paints a replacement red and the actions by kind', () => {
    const text = renderPreview([report('UPDATE', [
      { action: 'Modify', logicalId: 'RouterInstance', resourceType: 'AWS::EC2::Instance', replacement: 'True' },
      { action: 'Remove', logicalId: 'Old', resourceType: 'AWS::EC2::Route' },
    ])], colors(true));
    const plain = colors(true);
    expect(text).toContain(plain.bold(plain.red(`True${' '.repeat('Replacement'.length - 4)}`)));
    expect(text).toContain(plain.red('Remove'));
    expect(text).toContain(plain.yellow('Modify'));
  });
});
