/**
 * The list of commands, in the order `--help` shows them. Each entry registers one command on the program.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerCheck } from './check.js';
import { registerDiff } from './diff.js';
import { registerCompile } from './compile.js';
import { registerDeploy } from './deploy.js';
import { registerExplain } from './explain.js';
import { registerGraph } from './graph.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerSchema } from './schema.js';
import { registerValidate } from './validate.js';

export type RegisterCommand = (program: Command, io: CliIo, result: { code: number }) => void;

export const COMMANDS: readonly RegisterCommand[] = [
  registerValidate,
  registerSchema,
  registerCompile,
  registerInit,
  registerList,
  registerExplain,
  registerGraph,
  registerCheck,
  registerDiff,
  registerDeploy,
];
