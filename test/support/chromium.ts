import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

/**
 * Headless Chromium for tests, from the npm package @sparticuz/chromium (no system browser needed).
 *
 * The package unpacks its binary into a shared temp folder whatever its version, and not atomically;
 * here each version is unpacked once into a folder of its own, in a child process, and moved into
 * place with one rename, so parallel test files and other checkouts never start a half-written or
 * foreign binary. CHROMIUM_PATH points at another Chromium instead (the package ships Linux only).
 */

/** Flags this machine needs: it has no GPU and a closed network, so Chromium must not phone home. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const packageMain = createRequire(import.meta.url).resolve('@sparticuz/chromium');
const packageRoot = join(dirname(packageMain), '..', '..');
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
};

let executable: Promise<string> | undefined;

/** Path of the Chromium binary, unpacked on first use (about 7 s) and reused afterwards. */
export function chromiumExecutable(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return Promise.resolve(override);
  executable ??= unpack();
  return executable;
}

async function unpack(): Promise<string> {
  const target = join(tmpdir(), `invoice-agent-chromium-${version}`);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;
  const staging = await mkdtemp(`${target}.unpacking-`);
  const script = `require(${JSON.stringify(packageMain)}).executablePath().then((p) => process.stdout.write(p))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { ...process.env, TMPDIR: staging },
  });
  if (stdout !== join(staging, 'chromium')) throw new Error(`Chromium unpacked to ${stdout}, not ${staging}`);
  try {
    await rename(staging, target);
  } catch (error) {
    // Another process moved its copy into place first: use that one.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

/**
 * Starts headless Chromium with the machine's flags. The package's own `chromium.args` are tuned for
 * Lambda and switch off web security (`--disable-web-security`, `--allow-running-insecure-content`),
 * which tests of our pages must keep on; Playwright's defaults and a fresh profile suffice here.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    ...options,
    executablePath: await chromiumExecutable(),
    chromiumSandbox: false, // tests run as root, where Chromium's sandbox cannot start
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
  });
}
