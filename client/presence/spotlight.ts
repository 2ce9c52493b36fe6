/**
 * Spotlights: passages a leader marks for everyone in the document. They live in awareness (never
 * in the body); this extension only draws them, as decorations given by the session hook.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** One passage to highlight, in current editor positions. */
export interface SpotlightRange {
  from: number;
  to: number;
  color: string;
  label: string;
}

const key = new PluginKey<DecorationSet>('trame-spotlight');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    spotlight: {
      /** Replaces the highlighted passages. */
      setSpotlights: (ranges: SpotlightRange[]) => ReturnType;
    };
  }
}

/** Draws spotlighted passages. */
export const Spotlight = Extension.create({
  name: 'spotlight',
  addCommands() {
    return {
      setSpotlights:
        (ranges) =>
        ({ tr, dispatch }) => {
          if (dispatch) dispatch(tr.setMeta(key, ranges).setMeta('addToHistory', false));
          return true;
        },
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const ranges = tr.getMeta(key) as SpotlightRange[] | undefined;
            if (!ranges) return set.map(tr.mapping, tr.doc);
            const size = tr.doc.content.size;
            return DecorationSet.create(
              tr.doc,
              ranges
                .filter((r) => r.from < r.to && r.to <= size)
                .map((r) =>
                  Decoration.inline(r.from, r.to, {
                    class: 'spotlight',
                    style: `--spotlight-color: ${r.color}`,
                    'data-testid': 'spotlight',
                    title: r.label,
                  }),
                ),
            );
          },
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});
