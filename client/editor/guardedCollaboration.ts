/**
 * TipTap's Yjs binding, guarded against a body it cannot build (a node the schema does not know,
 * text where only blocks may be): y-tiptap throws then, and what follows is worse than the throw.
 * Failing on a remote change, it has already forgotten which Yjs node is which editor node, and at
 * the next view update it writes the editor's stale document back into the body, deleting what it
 * could not show (and, for a reader, sending a change the server refuses). Failing while its view
 * is built, it throws from wherever that happens: in a render, or in the effect of a bubble menu
 * that registers a plugin (ProseMirror then builds every plugin view again), outside any boundary
 * around the editor, and it stays subscribed to the body of an editor that was never created.
 */
import Collaboration from '@tiptap/extension-collaboration';
import type { EditorState } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/** What this file touches of y-tiptap's binding (its observer is not part of the public API). */
interface Binding {
  type: Y.XmlFragment;
  _observeFunction: (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void;
  destroy(): void;
}

const bindingOf = (state: EditorState) => (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null;

/**
 * The bindings that failed. Per binding, not per plugin view: ProseMirror builds the plugin views
 * again whenever a plugin is registered, and none of them may write once the binding failed.
 */
const broken = new WeakSet<Binding>();
const guarded = new WeakSet<Binding>();

/**
 * The Collaboration extension whose binding, when it fails on the body, stops: nothing more is
 * written to Yjs, the view is read-only, and the editor emits `contentError` (the page then shows
 * why). Everything already in the Y.Doc, what was typed included, stays there and in its IndexedDB
 * copy.
 */
export const GuardedCollaboration = Collaboration.extend({
  addProseMirrorPlugins() {
    const editor = this.editor;
    const report = (binding: Binding | null, error: unknown) => {
      if (binding) broken.add(binding);
      editor.emit('contentError', { editor, error: error instanceof Error ? error : new Error(String(error)), disableCollaboration: () => undefined });
    };
    const plugins = this.parent?.() ?? [];
    for (const plugin of plugins) {
      const createView = plugin.spec.view;
      if (plugin.spec.key !== ySyncPluginKey || !createView) continue;
      const editable = plugin.spec.props?.editable;
      plugin.spec.props = {
        ...plugin.spec.props,
        editable(state) {
          const binding = bindingOf(state);
          return !(binding && broken.has(binding)) && (editable?.call(this, state) ?? true);
        },
      };
      plugin.spec.view = (view) => {
        const binding = bindingOf(view.state);
        if (binding && broken.has(binding)) return {};
        let pluginView: ReturnType<typeof createView>;
        try {
          pluginView = createView(view);
        } catch (error) {
          binding?.destroy();
          report(binding, error);
          return {};
        }
        if (binding) guardObserver(binding, (error) => report(binding, error));
        return {
          update: (updated, previous) => {
            if (!(binding && broken.has(binding))) pluginView.update?.(updated, previous);
          },
          destroy: () => pluginView.destroy?.(),
        };
      };
    }
    return plugins;
  },
});

/** Replaces, once, the binding's observer of the body by one that reports its first failure. */
function guardObserver(binding: Binding, report: (error: unknown) => void): void {
  if (guarded.has(binding)) return;
  guarded.add(binding);
  const observe = binding._observeFunction;
  binding.type.unobserveDeep(observe);
  // Kept in the same field, so that the binding's destroy() unsubscribes this one.
  binding._observeFunction = (events, transaction) => {
    if (broken.has(binding)) return;
    try {
      observe(events, transaction);
    } catch (error) {
      report(error);
      throw error; // y-protocols logs it (it catches what observers throw while applying a change)
    }
  };
  binding.type.observeDeep(binding._observeFunction);
}
