#!/usr/bin/env node
/**
 * invoice-agent command line: registers tsx (TypeScript on the fly, the repo's own tsconfig) and
 * runs cli/main.ts. Kept in plain JS so it works after `npm ci` without a build step.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
