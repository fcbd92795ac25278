import { h } from '../dom.js';
import { formatCount, formatTime } from '../format.js';
import { isRedacted, storyRedactions } from '../redaction.js';

/**
 * Every figure recorded for one force at one location, from the developments themselves: the
 * timeline's troop estimates (their fields as they stand, corrections applied) whose `force` and
 * `location` are the estimate's, in world-time order, with the corrections made to each from the
 * revision list (matched by development id). Nothing is read from description text or from the
 * key of the state document's entry. `atRevision` leaves out what was recorded after it.
 */
export function estimateHistory(estimate, { timeline = [], revisions = [], atRevision = Infinity }) {
  const figures = timeline.filter((item) =>
    item.type === 'troop-estimate' &&
    item.revision <= atRevision &&
    item.development?.force === estimate.force &&
    item.development?.location === estimate.location);
  if (!figures.some((item) => item.developmentId === estimate.developmentId)) {
    // Shown at an earlier revision, the current figure may since have been retracted: the state has it.
    const recorded = revisions.find((item) => item.developmentId === estimate.developmentId && item.type === 'TroopEstimateRecorded');
    figures.push({
      developmentId: estimate.developmentId,
      revision: recorded?.revision ?? atRevision,
      recordedAt: estimate.recordedAt,
      occurredAt: estimate.occurredAt,
      development: estimate,
    });
  }
  const worldTime = (item) => Date.parse(item.worldTime ?? item.occurredAt ?? item.recordedAt);
  figures.sort((a, b) => worldTime(a) - worldTime(b) || a.revision - b.revision);
  const ids = new Set(figures.map((item) => item.developmentId));
  const corrected = revisions.filter((item) => item.type === 'DevelopmentCorrected' && ids.has(item.developmentId));
  // At an earlier revision the timeline still gives each figure as it reads now: say so where it was corrected since.
  const correctedSince = new Map(corrected.filter((item) => item.revision > atRevision).map((item) => [item.developmentId, item.revision]));
  return { figures, corrections: corrected.filter((item) => item.revision <= atRevision), correctedSince };
}

/**
 * The history as a list, oldest figure first, the current one marked; undefined when there is none to
 * show. `redactions` (storyRedactions) gives a redacted value's mark its reason.
 */
export function renderEstimateHistory(estimate, options) {
  const { figures, corrections, correctedSince } = estimateHistory(estimate, options);
  const redactions = options.redactions ?? storyRedactions(undefined);
  if (figures.length < 2 && corrections.length === 0 && !estimate.supersedes) return undefined;
  const changes = figures.length + corrections.length;
  return h('details', { class: 'estimate__history', open: true },
    h('summary', {}, `History of this estimate (${changes} ${changes === 1 ? 'change' : 'changes'})`),
    h('ol', { class: 'history-list' }, figures.map((item) => {
      const current = item.developmentId === estimate.developmentId;
      // The current figure as the state at this revision has it; the others as the timeline does.
      const figure = current ? estimate : item.development;
      const since = current ? undefined : correctedSince.get(item.developmentId);
      const text = (value, path) => redactions.text(value, item.developmentId, path);
      const source = figure.source;
      return h('li', { class: ['history-list__item', current && 'history-list__item--current'], dataset: { developmentId: item.developmentId } },
        h('span', { class: 'history-list__what' },
          h('strong', {}, text(formatCount(figure.count, figure.qualifier), isRedacted(figure.count) ? '/count' : '/qualifier')),
          figure.capabilityShare !== undefined ? [', ', text(figure.capabilityShare, '/capabilityShare'), ' per cent of the capability needed'] : '',
          isRedacted(source) ? [', according to ', text(source, '/source')] : source?.name ? [', according to ', text(source.name, '/source/name')] : '',
        ),
        current ? [' ', h('span', { class: 'badge badge--current' }, 'current')] : null,
        item.lateRecorded ? [' ', h('span', { class: 'badge badge--late' }, 'recorded late')] : null,
        h('span', { class: 'history-list__when' },
          item.occurredAt ? [' as of ', text(formatTime(item.occurredAt), '/occurredAt'), ';'] : '',
          ` recorded in revision ${item.revision}, ${formatTime(item.recordedAt)}`,
          since ? ` (shown as corrected later, in revision ${since})` : ''),
        corrections.some((correction) => correction.developmentId === item.developmentId)
          ? h('ul', { class: 'history-list__corrections' }, corrections
              .filter((correction) => correction.developmentId === item.developmentId)
              .map((correction) => h('li', {}, `Corrected in revision ${correction.revision} by ${correction.actor}: `, redactions.text(correction.description, item.developmentId))))
          : null,
      );
    })),
  );
}
