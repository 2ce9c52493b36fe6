import { storeContractSuite } from './contract';
import { SqliteStore } from './sqlite';

// The store in memory is the SQLite store on an in-memory database: the same code, without the disk.
storeContractSuite('SqliteStore in memory', async () => {
  const store = SqliteStore.openMemory();
  return { store, cleanup: () => store.close() };
});
