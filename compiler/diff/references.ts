/**
 * What a template value refers to: logical ids and parameters through `Ref`, `Fn::GetAtt` and `Fn::Sub`, and
 * exports through `Fn::ImportValue`. Replacement propagates along these edges.
 */
import type { Json } from '../model/cfn.js';
import { isJsonObject } from './deep-diff.js';

export interface References {
  /** Logical ids of resources or parameters (pseudo parameters such as AWS::Region are left out). */
  readonly names: readonly string[];
  /** The argument of each Fn::ImportValue (an export name, possibly itself an intrinsic). */
  readonly imports: readonly Json[];
  /** `Fn::GetAtt` (and `${X.Attr}` in Fn::Sub) references, as `X.Attr`. */
  readonly attributes: readonly string[];
}

/** Collects every reference inside a value, in document order, without duplicates. */
export function referencesIn(value: Json | undefined): References {
  const names = new Set<string>();
  const imports: Json[] = [];
  const attributes = new Set<string>();
  const visit = (v: Json | undefined): void => {
    if (v === undefined || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item: Json) => visit(item));
      return;
    }
    if (!isJsonObject(v)) return;
    const ref = v.Ref;
    if (typeof ref === 'string' && !ref.startsWith('AWS::')) names.add(ref);
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      names.add(getAtt[0]);
      if (typeof getAtt[1] === 'string') attributes.add(`${getAtt[0]}.${getAtt[1]}`);
    }
    if (typeof getAtt === 'string') {
      names.add(getAtt.split('.')[0] ?? getAtt);
      attributes.add(getAtt);
    }
    const sub = v['Fn::Sub'];
    const subText = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (subText !== undefined) {
      const bound = Array.isArray(sub) && isJsonObject(sub[1] as Json) ? Object.keys(sub[1] as object) : [];
      for (const match of subText.matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = (match[1] ?? '').split('.')[0] ?? '';
        if (name === '' || name.startsWith('AWS::') || bound.includes(name)) continue;
        names.add(name);
        if ((match[1] ?? '').includes('.')) attributes.add(match[1] ?? '');
      }
    }
    if ('Fn::ImportValue' in v) imports.push(v['Fn::ImportValue'] as Json);
    for (const child of Object.values(v)) visit(child);
  };
  visit(value);
  return { names: [...names], imports, attributes: [...attributes] };
}
