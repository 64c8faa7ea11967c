import { ConfigError } from '../../core/errors';
import type { PortName } from '../../core/ports';
import { AWS_PORTS } from './catalog';

/** The environment variable a port's factory reads (set by infra for the ports a step declares). */
export function portEnv(port: PortName, env: NodeJS.ProcessEnv = process.env): string {
  const name = AWS_PORTS[port].env[0];
  const value = name ? env[name] : undefined;
  if (!name || value === undefined || value.trim() === '') {
    throw new ConfigError(`Environment variable ${name ?? '(none)'} for port ${port} is not set`);
  }
  return value;
}
