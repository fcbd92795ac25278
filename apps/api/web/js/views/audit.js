import { h, replaceChildren } from '../dom.js';
import { verifiableLogPanel } from './verifiable-log.js';

/** The auditors' screen: what shows that the record has not been rewritten since they last looked. */
export function renderAuditView(container, context) {
  const panel = verifiableLogPanel(context);
  replaceChildren(
    container,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← All stories')),
    h('h1', { tabindex: '-1' }, 'Audit'),
    h('p', { class: 'lede' }, 'Whether the newsroom’s record is still what it was: nothing recorded can be changed or taken out without it showing here.'),
    panel.element,
  );
  return { dispose: () => panel.dispose() };
}
