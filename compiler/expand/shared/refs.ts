/**
 * Reference markers as template JSON (the `CrossRefMarker` shape of fragment.ts), typed as `Json` so they can
 * sit anywhere inside resource properties; assemble turns them into `Ref`/`Fn::GetAtt`/`Fn::ImportValue`.
 */
import type { JsonObject } from '../../model/cfn.js';

/** A reference to a resource that may end up in another stack of the environment (`Ref` once assembled). */
export function refTo(logicalId: string): JsonObject {
  return { 'platformc::Ref': { logicalId } };
}

/** An attribute of a resource that may end up in another stack of the environment (`Fn::GetAtt` once assembled). */
export function attOf(logicalId: string, attribute: string): JsonObject {
  return { 'platformc::Ref': { logicalId, attribute } };
}

/** `Fn::Sub` of a string that only uses pseudo parameters, e.g. `arn:${AWS::Partition}:...`. */
export function sub(text: string): JsonObject {
  return { 'Fn::Sub': text };
}
