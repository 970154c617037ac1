// highlight.js: the editor's C colours from the site's CSS custom properties (style.css's
// --hl-*), the same as the lessons' code highlighted at build time, so the light and the dark
// theme both read well (CodeMirror's default style is made for a light background only).
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.operatorKeyword, t.modifier, t.definitionKeyword], color: 'var(--hl-k)' },
  { tag: [t.typeName, t.standard(t.typeName)], color: 'var(--hl-t)' },
  { tag: [t.string, t.character], color: 'var(--hl-s)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--hl-c)', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.null], color: 'var(--hl-n)' },
  { tag: [t.processingInstruction, t.macroName], color: 'var(--hl-p)' },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: 'var(--hl-f)' },
  { tag: t.invalid, color: 'var(--bad)' },
]);

export const cHighlight = syntaxHighlighting(style);
