import { storeContractSuite } from './contract';
import { MemoryStore } from './memory';

storeContractSuite('MemoryStore', async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});
