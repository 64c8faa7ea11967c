#!/usr/bin/env node
/** invoice-agent command line: runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci` runs). */
let cli;
try {
  cli = await import('../dist/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/main.js')) throw error;
  process.stderr.write(
    'invoice-agent: the command line is not built yet; run `npm run build` (npm ci does it)\n',
  );
  process.exit(1);
}
process.exitCode = await cli.main(process.argv);
