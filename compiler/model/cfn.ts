/**
 * CloudFormation template shapes as plain JSON data. Templates are built as values and serialized canonically
 * by `emit`; nothing builds JSON by formatting strings.
 */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
  readonly DependsOn?: readonly string[];
  readonly DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';
  readonly UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
  readonly Metadata?: JsonObject;
}

export interface CfnParameter {
  readonly Type: string;
  readonly Description?: string;
  readonly AllowedPattern?: string;
  readonly AllowedValues?: readonly string[];
  readonly MinValue?: number;
  readonly MaxValue?: number;
  readonly MinLength?: number;
  readonly MaxLength?: number;
  readonly ConstraintDescription?: string;
  readonly NoEcho?: boolean;
  readonly Default?: string;
}

export interface CfnOutput {
  readonly Description?: string;
  readonly Value: Json;
  readonly Export?: { readonly Name: Json };
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion: '2010-09-09';
  readonly Description: string;
  readonly Metadata?: JsonObject;
  readonly Parameters?: { readonly [name: string]: CfnParameter };
  readonly Resources: { readonly [logicalId: string]: CfnResource };
  readonly Outputs?: { readonly [name: string]: CfnOutput };
}
