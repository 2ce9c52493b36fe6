/** Entry point of `npm start`: read config, start the server, stop cleanly on SIGTERM/SIGINT. */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { PID_FILE, runningServerPid } from './store/backup';
import { startTrame } from './server';

/**
 * Records this process as the one serving the data directory. Two servers on one database would
 * each keep their own copy of open documents, and members on each would not see each other.
 */
function claimDataDir(dataDir: string): string {
  const other = runningServerPid(dataDir);
  if (other !== null && other !== process.pid) {
    console.error(`trame: another Trame server (pid ${other}) is using ${dataDir}`);
    process.exit(1);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, PID_FILE);
  fs.writeFileSync(file, String(process.pid));
  return file;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`trame: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const pidFile = config.store === 'sqlite' ? claimDataDir(config.dataDir) : null;
  const trame = await startTrame(config);
  console.log(`Trame is running at ${trame.url}`);
  const stop = (signal: string) => {
    console.log(`${signal} received: saving open documents and stopping…`);
    // Clients see "going away" and reconnect by themselves when the server is back.
    const deadline = setTimeout(() => process.exit(1), 5000);
    trame.close().then(
      () => {
        if (pidFile) fs.rmSync(pidFile, { force: true });
        clearTimeout(deadline);
        process.exit(0);
      },
      (error) => {
        console.error('trame: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error('trame: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
