/**
 * `npm run docs`: regenerates `docs/` from the schema and the diagnostic code registry. Run from the
 * repository root; CI fails when the committed docs differ (test/docs).
 */
import { writeDocs } from './write-docs.js';

const { written, removed } = writeDocs(process.cwd());
process.stdout.write(`docs/: ${written} file${written === 1 ? '' : 's'} written, ${removed} removed\n`);
