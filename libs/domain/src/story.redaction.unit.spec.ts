import { decodeStoryState, encodeStoryState } from './snapshot/story-state.codec';
import { erasureTargets, REDACTED_VALUE } from './redaction/redaction';
import { describeEvent } from './history/describe-event';
import { recordedEvents, stateAfter } from './testing/story-spec';
import { archived, corrected, developmentRecorded, given, meeting, opened, retracted, troops } from './testing';
import type { DevelopmentRedacted } from './events/story-event';
import type { RedactDevelopment } from './commands/story-command';

const redact = (developmentId: string, paths: string[], reason = 'Source at risk'): RedactDevelopment => ({ type: 'RedactDevelopment', data: { developmentId, paths, reason } });
const redacted = (developmentId: string, paths: string[], reason = 'Source at risk'): DevelopmentRedacted => ({ type: 'DevelopmentRedacted', data: { developmentId, paths, reason } });

describe('redaction', () => {
  const estimate = troops(92_000, { source: { name: 'A colonel in Kyiv', url: 'https://example.com/a' } });
  const story = [opened(), developmentRecorded('t1', estimate), corrected('t1', { source: { name: 'Colonel Petrenko', url: 'https://example.com/b' } })];

  it('records which fields and why, never the values', () => {
    given(...story).when(redact('t1', ['/source/name'])).then(redacted('t1', ['/source/name']));
  });

  it('refuses a path the development does not have, one that is no pointer, and the fields that say what it is', () => {
    given(...story).when(redact('t1', ['/source/phone'])).thenFails('RedactionPathNotFound');
    given(...story).when(redact('t1', ['source'])).thenFails('RedactionPathNotFound');
    given(...story).when(redact('t1', [''])).thenFails('RedactionPathNotFound');
    given(...story).when(redact('t1', ['/developmentId'])).thenFails('RedactionNotAllowed');
    given(opened(), developmentRecorded('m1', meeting())).when(redact('m1', ['/meetingId'])).thenFails('RedactionNotAllowed');
    given(...story).when(redact('nope', ['/count'])).thenFails('DevelopmentNotFound');
  });

  it('changes nothing the second time, and takes retracted developments and archived stories', () => {
    given(...story, redacted('t1', ['/source'])).when(redact('t1', ['/source/name'])).then();
    given(...story, retracted('t1')).when(redact('t1', ['/count'])).then(redacted('t1', ['/count']));
    given(...story, archived()).when(redact('t1', ['/count'])).then(redacted('t1', ['/count']));
  });

  it('shows "[redacted]" at each path and keeps the reason, with the state folding the same before and after the store erases', () => {
    const state = stateAfter(...story, redacted('t1', ['/source/name']));
    const record = state.developments.get('t1')!;
    expect((record.development as { source: { name: string; url: string } }).source).toEqual({ name: REDACTED_VALUE, url: 'https://example.com/b' });
    expect(state.redactions.get('t1')).toEqual([expect.objectContaining({ paths: ['/source/name'], reason: 'Source at risk', revision: 4 })]);
    expect(JSON.stringify([...decodeStoryState(encodeStoryState(state)).redactions])).toBe(JSON.stringify([...state.redactions]));
    const events = recordedEvents([...story, redacted('t1', ['/source/name'])]);
    expect(describeEvent(events[3]!, stateAfter(...story))).toMatch(/^Redacted: source name of .* \(reason: Source at risk\)$/);
    expect(describeEvent(events[3]!, stateAfter(...story))).not.toContain('Petrenko');
  });

  it('finds every stored event that holds the values: the recording and each correction that set them', () => {
    const events = recordedEvents(story).map(({ revision, type, data }) => ({ revision, type, data }));
    expect(erasureTargets(events, 't1', ['/source/name', '/count'])).toEqual([
      { revision: 2, pointers: ['/source/name', '/count'] },
      { revision: 3, pointers: ['/changes/source/name'] },
    ]);
    expect(erasureTargets(events, 'other', ['/count'])).toEqual([]);
  });
});
