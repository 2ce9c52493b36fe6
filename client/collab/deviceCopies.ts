/**
 * The copies of documents this browser keeps (IndexedDB bodies, cached metadata, unsent-change
 * counts). Signing out forgets them, so that the next person on a shared computer cannot read
 * them — after warning when some changes never reached the server.
 */
const PREFIX = 'trame:';

/** How many local changes, across all documents, the server has not confirmed yet. */
export function unsentChangeCount(): number {
  let total = 0;
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(`${PREFIX}pending:`)) total += Number(window.localStorage.getItem(key)) || 0;
    }
  } catch {
    // Storage disabled: nothing was kept either.
  }
  return total;
}

/** Deletes every copy Trame keeps in this browser. */
export async function forgetDeviceCopies(): Promise<void> {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    keys.forEach((key) => window.localStorage.removeItem(key));
  } catch {
    // Storage disabled.
  }
  const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => !!name && name.startsWith(PREFIX))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            // Resolves on success, error or block alike: an open editor closes its copy as the page
            // leaves, and the deletion then completes on its own.
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}
