import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the local stack keeps its data: env DATA_DIR, default .local/ in the working directory. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR || '.local');
}

/** Published by a running `npm start` so that the CLI can reach the same store. */
export interface RuntimeInfo {
  pid: number;
  startedAt: string;
  dynamoEndpoint: string;
  httpUrl: string;
  smtpPort: number;
}

const FILE = 'runtime.json';

export function writeRuntimeInfo(dir: string, info: RuntimeInfo): void {
  writeFileSync(join(dir, FILE), `${JSON.stringify(info, null, 2)}\n`);
}

export function clearRuntimeInfo(dir: string): void {
  rmSync(join(dir, FILE), { force: true });
}

/** The running stack's info, or undefined when none runs (a stale file of a dead process is ignored). */
export function readRuntimeInfo(dir: string): RuntimeInfo | undefined {
  const file = join(dir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
