// Building the page from data without ever parsing server text as HTML: every string becomes a text
// node or an attribute value, never markup.

/** The only DOM properties `h` sets directly; never one that parses markup. */
const PROPERTIES = new Set(['.value', '.checked']);

/**
 * Creates an element. `props`: `class`, `on<event>` handlers, `dataset`, the properties `.value` and
 * `.checked`, and attributes (true → present, false/null/undefined → absent).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (PROPERTIES.has(key)) element[key.slice(1)] = value;
    else if (key.startsWith('.')) throw new Error(`h(): the property ${key} may not be set`);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  appendChildren(element, children);
  return element;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, nullish skipped. */
export function appendChildren(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return appendChildren(parent, children);
}

/** A link only for http(s) addresses: a `javascript:` URL from the server must never become a link. */
export function safeLink(url, text) {
  try {
    const parsed = new URL(url, location.origin);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      return h('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, text ?? url);
    }
  } catch {
    // not a URL: shown as text below
  }
  return document.createTextNode(text ?? String(url));
}

let idCounter = 0;
/** A unique id for label/field and aria-describedby pairs. */
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
