import { h, replaceChildren, uniqueId } from '../dom.js';
import { createFields } from '../fields.js';
import { DEFAULT_THRESHOLD_PERCENT, WATCH_KINDS } from '../watch-kinds.js';
import { openDialog } from './dialog.js';
import { formAlert } from './editor-forms.js';

const WATCH_FIELDS = [
  {
    name: 'estimateThresholdPercent',
    label: 'Troop estimate threshold (percent)',
    kind: 'number',
    hint: 'Alert when a force’s current figure at a place moves by at least this much; a first figure always alerts. 0 alerts on every move.',
  },
  {
    name: 'webhook.url',
    label: 'Webhook address (optional)',
    kind: 'url',
    hint: 'The server also posts each alert here, signed (https://…); only hosts the newsroom allows. Leave it empty for alerts on this page only.',
  },
];

/** The kind checkboxes, all ticked, with the server's messages about `on` beside them. */
function kindChoices() {
  const errorId = uniqueId('watch-kinds-error');
  const error = h('p', { class: 'field__error', id: errorId, hidden: true });
  const boxes = WATCH_KINDS.map(({ kind, choice }) => {
    const id = uniqueId(`watch-kind-${kind}`);
    const box = h('input', { type: 'checkbox', id, name: 'on', value: kind, '.checked': true });
    return { kind, box, element: h('div', { class: 'watch-kind' }, box, h('label', { for: id }, choice)) };
  });
  const element = h('fieldset', { class: 'watch-kinds' }, h('legend', {}, 'What to be alerted of'), boxes.map((item) => item.element), error);
  return {
    element,
    chosen: () => boxes.filter((item) => item.box.checked).map((item) => item.kind),
    showErrors(errors) {
      const mine = errors.filter((entry) => entry.field === 'on' || entry.field.startsWith('on.'));
      if (mine.length > 0) {
        error.textContent = mine.flatMap((entry) => entry.messages).join(' ');
        error.hidden = false;
        element.setAttribute('aria-describedby', errorId);
        element.classList.add('field--invalid');
        boxes[0].box.setAttribute('aria-invalid', 'true');
      }
      return errors.filter((entry) => !mine.includes(entry));
    },
    clearErrors() {
      error.hidden = true;
      error.textContent = '';
      element.removeAttribute('aria-describedby');
      element.classList.remove('field--invalid');
      boxes[0].box.removeAttribute('aria-invalid');
    },
  };
}

/**
 * "Watch this story": which kinds of change, the estimate threshold, an optional webhook. The server
 * checks it all: its 400 messages show beside their fields, a webhook host it does not allow (422)
 * beside the address, anything else (a story gone, 404) at the top. `onWatching(watch)` is told of
 * the new watch; with a webhook the dialog then shows its secret, this once.
 */
export function openWatchDialog({ api, storyId, headline, returnFocus, onWatching, onClosed }) {
  const kinds = kindChoices();
  const fields = createFields(WATCH_FIELDS, { initial: { estimateThresholdPercent: DEFAULT_THRESHOLD_PERCENT }, idPrefix: 'watch' });
  const alert = formAlert();
  const submit = h('button', { type: 'submit', class: 'button' }, 'Start watching');
  const cancel = h('button', { type: 'button', class: 'button button--quiet' }, 'Cancel');
  const form = h('form', { class: 'watch-form', novalidate: true, 'aria-label': 'Watch this story' },
    h('p', { class: 'dialog__about' }, headline),
    h('p', { class: 'section-hint' }, 'Alerts appear under “Alerts” at the top of the page as soon as the change is recorded. A watch sees what is recorded from now on.'),
    alert,
    kinds.element,
    h('div', { class: 'fields fields--single' }, fields.elements),
    h('div', { class: 'form-actions' }, submit, cancel),
  );
  const dialog = openDialog('Watch this story', form, returnFocus, { className: 'dialog--watch' });
  dialog.addEventListener('close', () => onClosed?.());
  cancel.addEventListener('click', () => dialog.close());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    kinds.clearErrors();
    fields.clearErrors();
    alert.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Starting…';
    let watch;
    try {
      watch = await api.post('/watches', { storyId, on: kinds.chosen(), ...fields.collect() });
    } catch (problem) {
      showProblem(problem);
      return;
    } finally {
      submit.disabled = false;
      submit.textContent = 'Start watching';
    }
    onWatching(watch);
    if (watch.webhook?.secret) showSecret(watch);
    else dialog.close();
  });

  function showProblem(problem) {
    let errors = problem.errors ?? [];
    // A host the server does not send to is about the address: said beside it.
    if (problem.status === 422 && problem.code === 'WebhookHostNotAllowed') errors = [{ field: 'webhook.url', messages: [problem.detail ?? problem.message] }];
    if ((problem.status === 400 || problem.status === 422) && errors.length > 0) {
      const unmatched = fields.showErrors(kinds.showErrors(errors));
      replaceChildren(alert,
        h('p', {}, h('strong', {}, 'Not watching yet: '), unmatched.length === 0 ? 'check the fields marked below.' : 'the server found these problems:'),
        unmatched.length > 0 ? h('ul', {}, unmatched.map((error) => h('li', {}, `${error.field}: ${error.messages.join(' ')}`))) : null);
    } else {
      replaceChildren(alert, h('p', {}, h('strong', {}, `${problem.title ?? 'Not watching yet'}: `), problem.detail ?? problem.message));
    }
    alert.hidden = false;
    const firstInvalid = form.querySelector('[aria-invalid="true"]');
    (firstInvalid ?? alert).focus();
  }

  /** The webhook's signing secret, shown once: the server never answers it again. */
  function showSecret(watch) {
    const secretId = uniqueId('watch-secret');
    const warningId = `${secretId}-warning`;
    const secret = h('input', { id: secretId, class: 'secret__value', type: 'text', readonly: true, spellcheck: 'false', autocomplete: 'off', '.value': watch.webhook.secret, 'aria-describedby': warningId });
    const copied = h('span', { class: 'secret__copied', role: 'status' });
    const copy = h('button', { type: 'button', class: 'button button--small' }, 'Copy the secret');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(watch.webhook.secret);
        copied.textContent = 'Copied';
      } catch {
        secret.focus();
        secret.select();
        copied.textContent = 'The browser would not copy it: it is selected, press Ctrl+C (⌘C on a Mac).';
      }
    });
    const done = h('button', { type: 'button', class: 'button' }, 'Done');
    done.addEventListener('click', () => dialog.close());
    dialog.querySelector('h2').textContent = 'Watching this story';
    replaceChildren(form,
      h('p', {}, `Each alert is also posted to ${watch.webhook.url}, signed with this secret.`),
      h('div', { class: 'field secret' },
        h('label', { for: secretId }, 'Webhook secret'),
        h('div', { class: 'secret__row' }, secret, copy),
        copied),
      h('p', { class: 'secret__warning', id: warningId }, h('strong', {}, 'Shown only now: keep it to check the signatures')),
      h('div', { class: 'form-actions' }, done));
    secret.focus();
    secret.select();
  }
}
