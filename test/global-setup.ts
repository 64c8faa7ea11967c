import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI tests run the compiled command line: build it once from the current sources. */
export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../bin/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}
