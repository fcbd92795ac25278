import { troopEstimateKey, type Development, type StoryCommand, type TroopQualifier } from '@story-tracker/domain';
import { monotonicFactory } from 'ulid';
import type { Prng } from './prng';

/**
 * What happens in the long story, one command at a time: a months-long stand-off followed by a busy
 * desk. About half the events are troop estimates for 20 force/location pairs, revised again and
 * again; the rest are notes, statements, meetings scheduled and later held, demands made and later
 * rejected, corrections (mostly of a figure) and retractions of recent entries, and now and then a new
 * headline or summary. `decide` checks every command, so the story is one the API would accept.
 */

const FORCES = ['Russia', 'Russian National Guard', 'Belarus', 'Ukraine', 'Wagner Group'] as const;
const LOCATIONS = ['near the Ukrainian border', 'in Belarus', 'in Crimea', 'near Rostov-on-Don'] as const;
const SOURCES = [
  { name: 'US officials', url: 'https://example.org/briefing' },
  { name: 'Ukrainian defence ministry' },
  { name: 'Satellite imagery (Maxar)', url: 'https://example.org/imagery' },
  { name: 'UK Defence Intelligence' },
  { name: 'Our correspondent' },
] as const;
const QUALIFIERS: readonly TroopQualifier[] = ['about', 'more-than', 'nearly', 'up-to'];
const SPEAKERS = ['Vladimir Putin', 'Volodymyr Zelensky', 'Emmanuel Macron', 'Olaf Scholz', 'Joe Biden', 'Jens Stoltenberg', 'Dmitry Peskov'];
const OUTLETS = ['TASS', 'Reuters', 'AFP', 'Ukrinform', 'BBC'];
const PLACES = ['Moscow', 'Kyiv', 'Geneva', 'Brussels', 'Berlin', 'Minsk', 'Paris'];
const PARTIES = ['NATO', 'United States', 'Ukraine', 'European Union', 'OSCE'];
const HEADLINES = [
  'Russia masses troops near Ukraine as talks stall',
  'Macron heads to Moscow as Russia masses troops near Ukraine',
  'Western leaders warn of invasion as troop build-up continues',
  'Talks resume in Geneva while troops stay at the border',
  'Russia says some units return to base; the West sees no sign of it',
];
const SUMMARIES = [
  'France’s president seeks to de-escalate the stand-off in talks with Vladimir Putin.',
  'Diplomats shuttle between capitals while estimates of the forces near the border keep rising.',
  'Moscow denies any plan to invade; Washington says an attack could come at any time.',
  'Troop estimates, statements and meetings as the stand-off enters another week.',
];
const WORDS = ['convoy', 'artillery', 'field hospital', 'rail cars', 'tents', 'fuel trucks', 'helicopters', 'bridging equipment', 'blood supplies', 'landing ships'];

/** Share of each kind of command; what cannot happen yet (no open meeting to hold) falls back to its opener. */
const MIX = [
  ['troop-estimate', 0.5],
  ['note', 0.15],
  ['statement', 0.13],
  ['meeting-scheduled', 0.05],
  ['meeting-held', 0.045],
  ['demand-made', 0.04],
  ['demand-rejected', 0.035],
  ['correction', 0.033],
  ['retraction', 0.015],
  ['headline', 0.0008],
  ['summary', 0.0008],
] as const;
type Kind = (typeof MIX)[number][0];

/** Corrections and retractions aim at entries among the last this many of their kind. */
const RECENT = 500;

export interface MixStep {
  readonly kind: Kind | 'open' | 'publish';
  readonly command: StoryCommand;
}

export class LongStoryMix {
  private readonly newId: (seedTime: number) => string;
  private readonly levels = new Map<string, number>();
  private readonly troopCount = new Map<string, number>();
  private readonly live = { troop: [] as string[], note: [] as string[], statement: [] as string[] };
  private readonly openMeetings: string[] = [];
  private readonly openDemands: { id: string; addressedTo: readonly string[] }[] = [];
  private steps = 0;
  private headline = 0;
  private summary = 0;
  private edits = 0;

  constructor(
    private readonly prng: Prng,
    private readonly storyId: string,
  ) {
    this.newId = monotonicFactory(() => prng.next());
    for (const force of FORCES) for (const location of LOCATIONS) this.levels.set(troopEstimateKey(force, location), prng.int(5, 100) * 1000);
  }

  /** The next command, at record time `now` (ms). */
  next(now: number): MixStep {
    this.steps++;
    if (this.steps === 1) {
      return { kind: 'open', command: { type: 'OpenStory', data: { storyId: this.storyId, headline: HEADLINES[0]!, summary: SUMMARIES[0]!, tags: ['russia', 'ukraine', 'nato'] } } };
    }
    if (this.steps === 40) return { kind: 'publish', command: { type: 'PublishStory', data: {} } };
    return this.step(this.kind(), now);
  }

  private kind(): Kind {
    let roll = this.prng.next() * MIX.reduce((sum, [, share]) => sum + share, 0);
    for (const [kind, share] of MIX) {
      if (roll < share) return kind;
      roll -= share;
    }
    return 'note';
  }

  private step(kind: Kind, now: number): MixStep {
    const p = this.prng;
    switch (kind) {
      case 'troop-estimate': {
        const [force, location] = [p.pick(FORCES), p.pick(LOCATIONS)];
        // Each pair's level drifts slowly between 2,000 and 190,000; a figure scatters ±7 % around it.
        const key = troopEstimateKey(force, location);
        const level = Math.min(190_000, Math.max(2_000, this.levels.get(key)! * (0.978 + p.next() * 0.044)));
        this.levels.set(key, level);
        const count = Math.max(500, Math.round((level * (0.93 + p.next() * 0.14)) / 500) * 500);
        // Mostly a figure about the last hours; one in twenty arrives late, about days ago.
        const occurredAt = new Date(now - (p.chance(0.05) ? p.int(2, 20) * 86_400_000 : p.int(1, 12) * 3_600_000)).toISOString();
        return this.record(kind, now, this.live.troop, {
          type: 'troop-estimate',
          force,
          location,
          count,
          qualifier: p.pick(QUALIFIERS),
          ...(p.chance(0.3) && { capabilityShare: p.int(40, 90) }),
          occurredAt,
          source: p.pick(SOURCES),
        }, count);
      }
      case 'note':
        return this.record(kind, now, this.live.note, {
          type: 'note',
          text: `Correspondent reports ${p.pick(WORDS)} moving ${p.pick(LOCATIONS)} (${this.steps})`,
          ...(p.chance(0.5) && { source: p.pick(SOURCES) }),
        });
      case 'statement':
        return this.record(kind, now, this.live.statement, {
          type: 'statement',
          speaker: p.pick(SPEAKERS),
          text: `We will not accept ${p.pick(WORDS)} ${p.pick(LOCATIONS)}; the talks must go on (${this.steps})`,
          outlet: p.pick(OUTLETS),
          occurredAt: new Date(now - p.int(5, 120) * 60_000).toISOString(),
        });
      case 'meeting-scheduled':
        return this.record(kind, now, this.openMeetings, {
          type: 'meeting-scheduled',
          participants: twoOf(SPEAKERS, p),
          location: p.pick(PLACES),
          scheduledFor: new Date(now + p.int(1, 10) * 86_400_000).toISOString().slice(0, 10),
          topic: 'De-escalation around Ukraine',
        });
      case 'meeting-held': {
        const meetingId = this.openMeetings.shift();
        if (meetingId === undefined) return this.step('meeting-scheduled', now);
        return this.record(kind, now, undefined, { type: 'meeting-held', meetingId, outcome: `No breakthrough; talks to continue (${this.steps})` });
      }
      case 'demand-made': {
        const addressedTo = p.chance(0.5) ? [p.pick(PARTIES)] : twoOf(PARTIES, p);
        const step = this.record(kind, now, undefined, { type: 'demand-made', by: 'Russia', addressedTo, text: `Security guarantees, round ${this.steps}` });
        this.openDemands.push({ id: developmentIdOf(step), addressedTo });
        return step;
      }
      case 'demand-rejected': {
        const demand = this.openDemands.shift();
        if (demand === undefined) return this.step('demand-made', now);
        return this.record(kind, now, undefined, { type: 'demand-rejected', demandId: demand.id, by: [...demand.addressedTo], statement: 'The demand is a non-starter' });
      }
      case 'correction':
        return this.correction(now);
      case 'retraction': {
        const list = this.live[p.pick(['troop', 'note', 'statement'] as const)];
        const developmentId = takeRecent(list, p);
        if (developmentId === undefined) return this.step('note', now);
        return { kind, command: { type: 'RetractDevelopment', data: { developmentId, reason: 'Could not be confirmed by a second source' } } };
      }
      case 'headline':
        this.headline = (this.headline + 1) % HEADLINES.length;
        return { kind, command: { type: 'ReviseStory', data: { headline: HEADLINES[this.headline]! } } };
      case 'summary':
        this.summary = (this.summary + 1) % SUMMARIES.length;
        return { kind, command: { type: 'ReviseStory', data: { summary: SUMMARIES[this.summary]! } } };
    }
  }

  /** Mostly a misread figure; sometimes a misquoted statement or a note's wording. */
  private correction(now: number): MixStep {
    const p = this.prng;
    this.edits++;
    if (p.chance(0.7)) {
      const developmentId = recent(this.live.troop, p);
      if (developmentId === undefined) return this.step('note', now);
      const count = this.troopCount.get(developmentId)! + p.int(1, 10) * 500;
      this.troopCount.set(developmentId, count);
      return { kind: 'correction', command: { type: 'CorrectDevelopment', data: { developmentId, changes: { count }, reason: 'Figure misread from the briefing' } } };
    }
    const statement = p.chance(0.5);
    const developmentId = recent(statement ? this.live.statement : this.live.note, p);
    if (developmentId === undefined) return this.step('note', now);
    const text = statement ? `We will not accept any escalation; the talks must go on (corrected quote ${this.edits})` : `Correspondent reports convoys moving south (corrected ${this.edits})`;
    return { kind: 'correction', command: { type: 'CorrectDevelopment', data: { developmentId, changes: { text }, reason: 'Wording corrected' } } };
  }

  private record(kind: Kind, now: number, list: string[] | undefined, development: Development, count?: number): MixStep {
    const developmentId = this.newId(now);
    list?.push(developmentId);
    if (count !== undefined) this.troopCount.set(developmentId, count);
    return { kind, command: { type: 'RecordDevelopment', data: { developmentId, development } } };
  }
}

function twoOf(items: readonly string[], p: Prng): string[] {
  const first = p.pick(items);
  return [first, p.pick(items.filter((item) => item !== first))];
}

function developmentIdOf(step: MixStep): string {
  if (step.command.type !== 'RecordDevelopment') throw new TypeError('not a recorded development');
  return step.command.data.developmentId;
}

/** One of the last RECENT ids of a list. */
function recent(list: readonly string[], p: Prng): string | undefined {
  return list.length === 0 ? undefined : list[list.length - 1 - p.int(0, Math.min(RECENT, list.length) - 1)];
}

/** The same, taken off the list (it is retracted). */
function takeRecent(list: string[], p: Prng): string | undefined {
  if (list.length === 0) return undefined;
  const index = list.length - 1 - p.int(0, Math.min(RECENT, list.length) - 1);
  return list.splice(index, 1)[0];
}
