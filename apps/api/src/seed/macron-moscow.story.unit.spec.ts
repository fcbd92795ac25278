import { checkSteps } from './demo-story.seeder';
import { MACRON_MOSCOW_STORY } from './macron-moscow.story';
import { ref, resolveReferences, type StorySeed } from './story-seed';

describe('the demo story as data', () => {
  it('passes the same validation as the HTTP bodies, with references only to earlier steps', () => {
    expect(() => checkSteps(MACRON_MOSCOW_STORY)).not.toThrow();
  });

  it('keeps world times in January and February 2022', () => {
    for (const step of MACRON_MOSCOW_STORY.steps) {
      if (step.kind !== 'record') continue;
      expect(step.development.occurredAt).toMatch(/^2022-0[12]-/);
    }
  });

  it('records the earlier troop figure before the revised one, for the same force and location', () => {
    const estimates = MACRON_MOSCOW_STORY.steps.flatMap((step) => (step.kind === 'record' && step.development.type === 'troop-estimate' ? [step.development] : []));
    expect(estimates.map(({ count }) => count)).toEqual([92000, 100000]);
    const [earlier, later] = estimates;
    expect([later!.force, later!.location]).toEqual([earlier!.force, earlier!.location]);
    expect(Date.parse(earlier!.occurredAt!)).toBeLessThan(Date.parse(later!.occurredAt!));
  });

  it('ends by revising the headline and publishing', () => {
    expect(MACRON_MOSCOW_STORY.steps.slice(-2).map((step) => step.kind)).toEqual(['revise', 'publish']);
  });

  it('refuses a reference to a later or unknown step, and a body HTTP would refuse', () => {
    const broken: StorySeed = {
      ...MACRON_MOSCOW_STORY,
      steps: [
        { kind: 'record', label: 'held', editSummary: 'x', development: { type: 'meeting-held', meetingId: ref('talks') } },
        { kind: 'record', label: 'talks', editSummary: 'x', development: { type: 'meeting-scheduled', participants: ['A'], location: 'Paris', scheduledFor: '2022-01-26' } },
      ],
    };
    expect(() => checkSteps(broken)).toThrow(/held: meetingId refers to "talks".*\n.*talks: .*participants/s);
  });

  it('resolves references to the ids the server gave', () => {
    const body = resolveReferences({ type: 'denial', by: 'Russia', text: 'No plan to attack', of: ref('warning') }, new Map([['warning', '01JID']]));
    expect(body).toEqual({ type: 'denial', by: 'Russia', text: 'No plan to attack', of: '01JID' });
  });
});
