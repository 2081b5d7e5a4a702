/**
 * The validate steps after the spec check work on compiled stacks. Each valid spec is compiled once per validate
 * run (memoized on the run's spec list, which lives exactly as long as the run) and shared by the cfn-lint, IAM
 * and Access Analyzer steps. Specs are claimed in order as compile claims them, so validate reports the same
 * clashes between specs (COMPILE006, COMPILE008).
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/loaded-spec.js';
import type { Platform } from '../model/platform.js';
import type { PlatformSpec } from '../model/spec.js';
import type { CheckedSpec, ValidateContext } from '../validate/steps.js';

export interface CompiledSpec {
  readonly file: string;
  readonly loaded: LoadedSpec;
  readonly spec: PlatformSpec;
  readonly platform: Platform;
  readonly stacks: readonly AssembledStack[];
}

export interface CompiledSpecs {
  readonly compiled: readonly CompiledSpec[];
  /** Problems only the later stages find (quotas, references): the spec check has reported the rest. */
  readonly diagnostics: readonly Diagnostic[];
}

const runs = new WeakMap<readonly CheckedSpec[], Promise<CompiledSpecs>>();

async function compileAll(specs: readonly CheckedSpec[]): Promise<CompiledSpecs> {
  const [{ compileSource }, { projectClaims }] = await Promise.all([import('../compile.js'), import('../project-clashes.js')]);
  const claim = projectClaims();
  const compiled: CompiledSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const checked of specs) {
    if (!checked.spec || !checked.loaded) continue;
    const result = compileSource({ file: checked.loaded.file, text: checked.loaded.text });
    diagnostics.push(...result.diagnostics.filter((d) => d.code.startsWith('COMPILE')));
    if (result.platform === undefined || result.stacks === undefined) continue;
    // The same project-wide checks as compile: a spec that clashes with an earlier one would not be written.
    const clash = claim({ platform: result.platform, stacks: result.stacks });
    if (clash !== undefined) diagnostics.push(clash);
    else if (result.files.length > 0) {
      compiled.push({ file: checked.file, loaded: checked.loaded, spec: checked.spec, platform: result.platform, stacks: result.stacks });
    }
  }
  return { compiled, diagnostics };
}

/** The compiled form of every valid spec of this validate run. */
export function compiledSpecs(context: ValidateContext): Promise<CompiledSpecs> {
  let run = runs.get(context.specs);
  if (!run) {
    run = compileAll(context.specs);
    runs.set(context.specs, run);
  }
  return run;
}
