/** Entry point of `npm start`: read config, start the server, stop cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfig } from './config';
import { startTrame } from './server';

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
  const trame = await startTrame(config);
  console.log(`Trame is running at ${trame.url}`);
  const stop = (signal: string) => {
    console.log(`${signal} received: saving open documents and stopping…`);
    // Clients see "going away" and reconnect by themselves when the server is back.
    const deadline = setTimeout(() => process.exit(1), 5000);
    trame.close().then(
      () => {
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
