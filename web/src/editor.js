// editor.js: the CodeMirror 6 editor of an exercise page: C highlighting, the checker's
// markers, vim mode and the theme in compartments (switched without losing the text), the
// code saved on every edit, Ctrl/Cmd-Enter to run; completion (complete.js), helper docs on
// hover (hover.js), the problems list (diaglist.js) and the verifier trace (trace.js) under it.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState, Compartment, Prec } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { cpp } from '@codemirror/lang-cpp';
import { indentWithTab } from '@codemirror/commands';
import { vim } from '@replit/codemirror-vim';
import { checker, clearRunOnEdit } from './diagnostics.js';
import { bpfCompletion } from './complete.js';
import { helperHover } from './hover.js';
import { diagList } from './diaglist.js';
import { traceExt, hideTrace } from './trace.js';
import { prefetch } from './cdata.js';
import { cHighlight } from './highlight.js';

const vimSlot = new Compartment();
const themeSlot = new Compartment();

function themeExt(t) {
  return EditorView.theme({}, { dark: t === 'dark' });
}

// the editor in @parent; the trace panel and the problems list go right after it
// (view.traceBox, view.problemsBox)
export function createEditor(parent, { exId, doc, theme, vimOn, onChange, onRun }) {
  const traceBox = document.createElement('section');
  const problemsBox = document.createElement('section');
  traceBox.hidden = true;
  parent.after(traceBox, problemsBox);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        vimSlot.of(vimOn ? vim() : []),
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }])),
        basicSetup,
        keymap.of([indentWithTab]),
        cpp(),
        cHighlight,
        themeSlot.of(themeExt(theme)),
        checker(exId),
        bpfCompletion,
        helperHover,
        traceExt,
        diagList(problemsBox),
        EditorView.contentAttributes.of({ 'aria-label': 'Your BPF program' }),
        EditorView.updateListener.of((u) => {
          clearRunOnEdit(u);
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  view.traceBox = traceBox;
  view.problemsBox = problemsBox;
  // the completion data, fetched once the editor is up (it is not needed to start typing)
  (window.requestIdleCallback || setTimeout)(() => prefetch());
  return view;
}

export function setVim(view, on) { view.dispatch({ effects: vimSlot.reconfigure(on ? vim() : []) }); }
export function setTheme(view, t) { view.dispatch({ effects: themeSlot.reconfigure(themeExt(t)) }); }
export function setDoc(view, text) {
  hideTrace(view);   // its steps are the replaced program's
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
