import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortName } from '../functions/core/ports';
import { AWS_PORTS } from '../functions/handlers/aws/catalog';
import { stepModuleName } from '../functions/steps';
import type { AnyStep } from '../functions/steps/define';
import { declaredPorts } from '../functions/steps/define';

/**
 * Each Lambda's entry is derived from its step declaration: it imports the step module and the AWS
 * factories of exactly the declared ports, so esbuild bundles nothing else. The same source is used
 * by `cdk synth` and by `npm run bench:bundles`.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY_DIR = join(PROJECT_ROOT, '.build', 'lambda-entries');

export function lambdaEntrySource(step: AnyStep, root = PROJECT_ROOT): string {
  const byModule = new Map<string, PortName[]>();
  for (const port of declaredPorts(step)) {
    const module = AWS_PORTS[port].module;
    byModule.set(module, [...(byModule.get(module) ?? []), port]);
  }
  const path = (relative: string) => JSON.stringify(join(root, relative));
  const lines = [
    `// Lambda entry of ${step.name}, derived from its declaration (infra/lambda-entry.ts).`,
    `import { lambdaEntry } from ${path('functions/handlers/aws/entry')};`,
    `import { step } from ${path(`functions/steps/${stepModuleName(step.name)}`)};`,
    ...[...byModule].map(
      ([module, ports]) =>
        `import { ${ports.join(', ')} } from ${path(`functions/handlers/aws/ports/${module}`)};`,
    ),
    `export const handler = lambdaEntry(step, { ${declaredPorts(step).join(', ')} });`,
    '',
  ];
  return lines.join('\n');
}

/** Writes the entry file (under .build/, ignored by git) and returns its path. */
export function writeLambdaEntry(step: AnyStep, root = PROJECT_ROOT): string {
  mkdirSync(ENTRY_DIR, { recursive: true });
  const file = join(ENTRY_DIR, `${stepModuleName(step.name)}.ts`);
  writeFileSync(file, lambdaEntrySource(step, root));
  return file;
}

/** esbuild settings of every Lambda bundle (NodejsFunction's bundling and the bundle bench share them). */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  /** Step Functions catches by error.name. */
  keepNames: true,
  /** Some dependencies still call require(). */
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;
