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

/**
 * Heavy packages a port loads lazily (dynamic import) are shipped beside the bundle instead of inside
 * it: pdf.js is read only when a PDF arrives, so an XML invoice never pays for loading it.
 */
export interface LazyPackage {
  name: string;
  /** Files to ship: the module path code imports, and the file that provides it (the minified build). */
  files: { path: string; from: string }[];
}

export const LAZY_PACKAGES: Partial<Record<PortName, LazyPackage>> = {
  pdf: {
    name: 'pdfjs-dist',
    files: [
      { path: 'package.json', from: 'package.json' },
      { path: 'legacy/build/pdf.mjs', from: 'legacy/build/pdf.min.mjs' },
      { path: 'legacy/build/pdf.worker.mjs', from: 'legacy/build/pdf.worker.min.mjs' },
    ],
  },
};

export function lazyPackagesOf(step: AnyStep): LazyPackage[] {
  return declaredPorts(step).flatMap((port) => LAZY_PACKAGES[port] ?? []);
}

/** Shell commands that copy a step's lazy packages into the bundle's node_modules. */
export function copyLazyPackages(step: AnyStep, inputDir: string, outputDir: string): string[] {
  return lazyPackagesOf(step).flatMap(({ name, files }) =>
    files.map(({ path, from }) => {
      const target = `${outputDir}/node_modules/${name}/${path}`;
      return `mkdir -p "${target.slice(0, target.lastIndexOf('/'))}" && cp "${inputDir}/node_modules/${name}/${from}" "${target}"`;
    }),
  );
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
