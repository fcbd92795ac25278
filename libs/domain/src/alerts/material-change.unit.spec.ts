import type { Development } from '../events/development';
import { recordedEvents, stateAfter, type GivenEvent } from '../testing/story-spec';
import { corrected, demand, developmentRecorded, meeting, note, opened, retracted, troops } from '../testing';
import { ALERT_KINDS, materialChange, type AlertKind } from './material-change';

const all = { on: new Set<AlertKind>(ALERT_KINDS), estimateThresholdPercent: 10 };
const only = (...kinds: AlertKind[]) => ({ on: new Set(kinds), estimateThresholdPercent: 10 });

/** The kind the last event raises for the watch, on a story of `history`. */
function alertFor(history: GivenEvent[], watch = all): AlertKind | undefined {
  const events = recordedEvents(history);
  const before = stateAfter(...history.slice(0, -1));
  const after = stateAfter(...history);
  return materialChange(events.at(-1)!, before, after, watch);
}

const dev = (id: string, development: Development) => developmentRecorded(id, development);

describe('materialChange: which events raise an alert', () => {
  const story = [opened(), dev('t1', troops(100_000, { occurredAt: '2022-02-01' }))];

  it('a first figure for a force and location, and a move of at least the threshold', () => {
    expect(alertFor([opened(), dev('t1', troops(100_000))])).toBe('estimate');
    expect(alertFor([...story, dev('t2', troops(110_000, { occurredAt: '2022-02-02' }))])).toBe('estimate');
    expect(alertFor([...story, dev('t2', troops(90_000, { occurredAt: '2022-02-02' }))])).toBe('estimate');
  });

  it('not a move under the threshold, nor a late record that leaves the current figure, nor a note', () => {
    expect(alertFor([...story, dev('t2', troops(105_000, { occurredAt: '2022-02-02' }))])).toBeUndefined();
    expect(alertFor([...story, dev('t2', troops(150_000, { occurredAt: '2022-01-01' }))])).toBeUndefined();
    expect(alertFor([...story, dev('n1', note('Talks go on'))])).toBeUndefined();
    expect(alertFor([...story, dev('t2', troops(105_000, { occurredAt: '2022-02-02' }))], { ...all, estimateThresholdPercent: 5 })).toBe('estimate');
  });

  it('meetings held, cancelled or rescheduled; not a meeting newly scheduled', () => {
    const scheduled = [opened(), dev('m1', meeting())];
    expect(alertFor(scheduled)).toBeUndefined();
    expect(alertFor([...scheduled, dev('h1', { type: 'meeting-held', meetingId: 'm1' })])).toBe('meeting');
    expect(alertFor([...scheduled, dev('c1', { type: 'meeting-cancelled', meetingId: 'm1' })])).toBe('meeting');
    expect(alertFor([...scheduled, dev('r1', { type: 'meeting-rescheduled', meetingId: 'm1', scheduledFor: '2022-01-28' })])).toBe('meeting');
  });

  it('a demand whose status changes; not a new demand, nor a rejection that leaves it rejected', () => {
    const made = [opened(), dev('d1', demand())];
    expect(alertFor(made)).toBeUndefined();
    const rejected = [...made, dev('r1', { type: 'demand-rejected', demandId: 'd1', by: ['NATO'] })];
    expect(alertFor(rejected)).toBe('demand');
    expect(alertFor([...rejected, dev('r2', { type: 'demand-rejected', demandId: 'd1', by: ['US'] })])).toBeUndefined();
    expect(alertFor([...made, dev('a1', { type: 'demand-accepted', demandId: 'd1', by: ['NATO'] })])).toBe('demand');
  });

  it('a correction or retraction as such when watched; otherwise as the change it makes', () => {
    expect(alertFor([...story, corrected('t1', { count: 101_000 })])).toBe('correction');
    expect(alertFor([...story, retracted('t1')])).toBe('retraction');
    expect(alertFor([...story, corrected('t1', { count: 150_000 })], only('estimate'))).toBe('estimate');
    expect(alertFor([...story, corrected('t1', { count: 101_000 })], only('estimate'))).toBeUndefined();
    expect(alertFor([...story, retracted('t1')], only('estimate', 'headline'))).toBeUndefined();
  });

  it('a headline revised; nothing the watch does not ask for', () => {
    expect(alertFor([...story, { type: 'HeadlineRevised', data: { headline: 'Troops pull back' } }])).toBe('headline');
    expect(alertFor([...story, { type: 'HeadlineRevised', data: { headline: 'Troops pull back' } }], only('estimate'))).toBeUndefined();
    expect(alertFor([...story, { type: 'SummaryRevised', data: { summary: 'More' } }])).toBeUndefined();
    expect(alertFor([opened(), dev('t1', troops(100_000))], only('meeting'))).toBeUndefined();
  });
});
