/**
 * Where focus goes back when a dialog closes, on a page that keeps changing under it (others'
 * edits re-render the outline, a panel reloads): the element that had it, or, if that element was
 * replaced meanwhile, its replacement — the element with the same test id at the same rank — or
 * else the page's main region, never nowhere.
 */
export function rememberFocus(element: Element | null): () => HTMLElement | null {
  if (!(element instanceof HTMLElement) || element === document.body) return () => null;
  const id = element.dataset.testid;
  const rank = id ? [...document.querySelectorAll(`[data-testid="${CSS.escape(id)}"]`)].indexOf(element) : -1;
  return () => {
    if (element.isConnected) return element;
    if (id && rank >= 0) {
      const same = document.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`)[rank];
      if (same) return same;
    }
    return document.querySelector<HTMLElement>('main');
  };
}
