import { h } from '../dom.js';

const FIELD_NAMES = { headline: 'Headline', summary: 'Summary' };

/**
 * The word diff of the headline and summary, each side by side: as it read before with the deleted
 * words struck through, and as it reads after with the inserted words marked.
 */
export function renderWordDiffs(text, { from, to } = {}) {
  return Object.entries(text ?? {})
    .filter(([, parts]) => Array.isArray(parts))
    .map(([field, parts]) => h('div', { class: 'word-diff', dataset: { field } },
      h('h3', {}, FIELD_NAMES[field] ?? field),
      h('div', { class: 'word-diff__sides' },
        side('before', from ? `Before (revision ${from})` : 'Before', field, parts.filter((part) => part.op !== 'insert')),
        side('after', to ? `After (revision ${to})` : 'After', field, parts.filter((part) => part.op !== 'delete')),
      ),
    ));
}

function side(which, title, field, parts) {
  return h('div', { class: `word-diff__side word-diff__side--${which}` },
    h('p', { class: 'word-diff__label' }, title),
    h('p', { class: 'word-diff__text', dataset: { field, side: which } }, parts.map(wordPart)),
  );
}

function wordPart(part) {
  if (part.op === 'insert') return h('ins', {}, part.text);
  if (part.op === 'delete') return h('del', {}, part.text);
  return part.text;
}
