// What a watch can be told of, in a journalist's words: the choices of the watch form, the kind of an
// alert in the alerts panel, and the one line that says what a watch is watching.
import { formatNumber } from './format.js';

/** The API's kinds (`on` of POST /watches, `kind` of an alert), in the order the form shows them. */
export const WATCH_KINDS = [
  { kind: 'estimate', choice: 'Troop estimates move', alert: 'Troop estimate moved' },
  { kind: 'meeting', choice: 'Meetings held, cancelled or rescheduled', alert: 'Meeting' },
  { kind: 'demand', choice: 'Demands answered', alert: 'Demand answered' },
  { kind: 'correction', choice: 'Corrections', alert: 'Correction' },
  { kind: 'retraction', choice: 'Retractions', alert: 'Retraction' },
  { kind: 'headline', choice: 'Headline changes', alert: 'Headline changed' },
];

export const DEFAULT_THRESHOLD_PERCENT = 10;

/** "estimate" → "Troop estimate moved"; a kind the page does not know reads as it is. */
export function alertKindLabel(kind) {
  return WATCH_KINDS.find((entry) => entry.kind === kind)?.alert ?? String(kind ?? '');
}

/** The host a webhook posts to, for saying where alerts go without the whole address. */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return String(url);
  }
}

/**
 * What a watch is watching, as the words inside "Watching (…)": "every kind of change; troop
 * estimates that move by 10% or more; posted to hooks.example.org", or the kinds it has
 * ("troop estimates that move by 25% or more, corrections").
 */
export function describeWatch(watch) {
  const on = Array.isArray(watch.on) ? watch.on : WATCH_KINDS.map((entry) => entry.kind);
  const threshold = Number(watch.estimateThresholdPercent ?? DEFAULT_THRESHOLD_PERCENT);
  const estimates = threshold === 0 ? 'every move of a troop estimate' : `troop estimates that move by ${formatNumber(threshold)}% or more`;
  const parts = [];
  if (WATCH_KINDS.every((entry) => on.includes(entry.kind))) {
    parts.push('every kind of change', estimates);
  } else {
    parts.push(WATCH_KINDS.filter((entry) => on.includes(entry.kind))
      .map((entry) => (entry.kind === 'estimate' ? estimates : entry.choice.toLowerCase()))
      .join(', '));
  }
  if (watch.webhook?.url) parts.push(`posted to ${hostOf(watch.webhook.url)}`);
  return parts.join('; ');
}
