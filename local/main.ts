import './quiet-node20';
import { loadLocalConfig } from './config';
import { clearRuntimeInfo, writeRuntimeInfo } from './runtime-info';
import { startLocalStack } from './stack';

/** `npm start`: runs the local stack until Ctrl-C. */
async function main(): Promise<void> {
  const config = loadLocalConfig();
  const stack = await startLocalStack(config, {
    onError: (message, error) =>
      console.error(`[invoice-agent] ${message}: ${(error as Error)?.message ?? error}`),
  });
  writeRuntimeInfo(config.dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    dynamoEndpoint: stack.dynamoEndpoint,
    httpUrl: stack.httpUrl,
    smtpPort: stack.smtpPort,
  });
  console.log(`invoice-agent local stack is running (data in ${config.dataDir})
  SMTP intake   smtp://${config.host}:${stack.smtpPort}  mail invoices to ${config.intakeAddress}
  Web and API   ${stack.httpUrl}/api/invoices  ·  ${stack.httpUrl}/api/outbox
  Master data   npx invoice-agent masterdata import <dir>
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    await stack.stop();
    clearRuntimeInfo(config.dataDir);
    console.log('Stopped. Data is kept in', config.dataDir);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`invoice-agent: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
