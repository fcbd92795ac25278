import { h } from '../dom.js';
import { choicesFrom } from '../fields.js';
import { plainText, withoutRedactedValues } from '../redaction.js';
import { openCorrectionDialog, openRetractionDialog } from './editor-forms.js';
import { openRedactionDialog } from './redaction-dialog.js';
import { currentFieldsOf } from './story-state.js';

/**
 * The buttons of an entry of the story view: Correct and Retract for editors (not on an archived
 * story), Redact… for redactors (archived stories too: a court order does not wait); none while an
 * earlier revision is shown. `view` is the story view's state (`latest`, `document`, `timeline`,
 * `viewRevision`); answers `actions(developmentId, type, description)` for renderState and renderTimeline.
 */
export function entryActions({ api, storyId, session, toast, view, refresh }) {
  return function actions(developmentId, type, description) {
    if (view.viewRevision !== undefined || !developmentId) return null;
    const editing = session.isEditor && view.latest?.status !== 'archived';
    if (!editing && !session.isRedactor) return null;
    const about = plainText(description ?? view.timeline.find((item) => item.developmentId === developmentId)?.description ?? type);
    const onDone = (result, what) => {
      toast(result.dropped ? `${what}: nothing was recorded` : `${what}: revision ${result.revision}`);
      refresh();
    };
    const onRedacted = (result, what) => {
      // Redacting what was redacted already appends nothing: there is no revision to name.
      if (result.events?.length !== 0) return onDone(result, what);
      toast(what);
      refresh();
    };
    const entry = view.timeline.find((item) => item.developmentId === developmentId);
    const timelineType = entry?.type ?? type;
    const button = (action, label, words) =>
      h('button', { type: 'button', class: 'button button--small button--quiet', dataset: { focusKey: `${action}-${developmentId}` }, 'aria-label': `${words}: ${about}` }, label);
    const buttons = [];
    if (editing) {
      const correct = button('correct', 'Correct', 'Correct');
      const retract = button('retract', 'Retract', 'Retract');
      correct.addEventListener('click', () =>
        openCorrectionDialog({
          api, storyId, developmentId, type: timelineType, description: about,
          // A redacted field starts empty: "[redacted]" is not a value to correct from.
          initial: withoutRedactedValues(fieldsOf(entry) ?? currentFieldsOf(view.document, developmentId)),
          choices: choicesFrom(view.document, view.timeline),
          revision: view.latest.revision,
          returnFocus: correct, onDone,
        }));
      retract.addEventListener('click', () => openRetractionDialog({ api, storyId, developmentId, type: timelineType, description: about, revision: view.latest.revision, returnFocus: retract, onDone }));
      buttons.push(correct, retract);
    }
    if (session.isRedactor) {
      const redact = button('redact', 'Redact…', 'Redact');
      redact.addEventListener('click', () =>
        openRedactionDialog({
          api, storyId, developmentId, type: timelineType, description: about,
          fields: fieldsOf(entry) ?? currentFieldsOf(view.latest, developmentId),
          revision: view.latest.revision,
          returnFocus: redact, onDone: onRedacted,
        }));
      buttons.push(redact);
    }
    return h('div', { class: 'entry__actions' }, buttons);
  };
}

/** A timeline entry's development fields as they stand now (corrections applied), without its type. */
function fieldsOf(entry) {
  if (!entry?.development) return undefined;
  const { type: _type, ...fields } = entry.development;
  return fields;
}
