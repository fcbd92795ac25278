import { ref, type StorySeed } from './story-seed';

/**
 * The demo story: the diplomacy around Russia's build-up near Ukraine as it stood when Emmanuel
 * Macron went to the Kremlin on 7 February 2022, retold in our own words from a report of that day.
 * Steps are in the order an editor would have recorded them; `occurredAt` is when each thing happened
 * in the world. Where the report gives a day but no hour, the date alone is used.
 */

const RUSSIA_NEAR_UKRAINE = { force: 'Russia', location: 'near the Ukrainian border' } as const;
const NATO_AND_US = ['United States', 'NATO'];
const NORMANDY_FORMAT = ['Germany', 'France', 'Russia', 'Ukraine'];

export const MACRON_MOSCOW_STORY: StorySeed = {
  slug: 'russia-ukraine-standoff',
  headline: 'Macron takes peace bid to Moscow as Russian forces mass near Ukraine',
  summary:
    "France's president is due in the Kremlin on 7 February to try to cool the crisis over Ukraine, while Washington " +
    'warns that Russia, with more than 100,000 troops near the border, could attack at any moment. Moscow denies ' +
    'planning an invasion and wants NATO to close its door to Ukraine and pull back from Eastern Europe; the United ' +
    'States and NATO have said no.',
  tags: ['russia', 'ukraine', 'nato', 'france', 'united-states', 'diplomacy'],
  editSummary: 'Story opened ahead of the Macron–Putin talks',
  steps: [
    {
      kind: 'record',
      label: 'troops-92k',
      editSummary: 'Earlier estimate of the Russian build-up',
      development: {
        type: 'troop-estimate',
        ...RUSSIA_NEAR_UKRAINE,
        count: 92000,
        qualifier: 'about',
        occurredAt: '2022-01-05',
        note: 'Earlier working figure, kept so later estimates can be compared with it',
      },
    },
    {
      kind: 'record',
      label: 'demand-no-nato-membership',
      editSummary: "Russia's demands on NATO (1 of 3)",
      development: {
        type: 'demand-made',
        by: 'Russia',
        addressedTo: NATO_AND_US,
        text: 'Rule out NATO membership for Ukraine and the other former Soviet republics',
        occurredAt: '2022-01-10',
      },
    },
    {
      kind: 'record',
      label: 'demand-no-weapons',
      editSummary: "Russia's demands on NATO (2 of 3)",
      development: {
        type: 'demand-made',
        by: 'Russia',
        addressedTo: NATO_AND_US,
        text: 'Stop deploying weapons in Ukraine and the other former Soviet republics',
        occurredAt: '2022-01-10',
      },
    },
    {
      kind: 'record',
      label: 'demand-rollback',
      editSummary: "Russia's demands on NATO (3 of 3)",
      development: {
        type: 'demand-made',
        by: 'Russia',
        addressedTo: NATO_AND_US,
        text: 'Pull NATO forces back out of Eastern Europe',
        occurredAt: '2022-01-10',
      },
    },
    {
      kind: 'record',
      label: 'macron-eu-dialogue',
      editSummary: "Macron's January call for an EU dialogue with Moscow",
      development: {
        type: 'statement',
        speaker: 'Emmanuel Macron',
        text: 'The European Union should open its own channel of dialogue with Moscow instead of leaving it to Washington',
        occurredAt: '2022-01-19',
        note: 'Background to the Kremlin visit, which also comes ahead of the French presidential election in April',
      },
    },
    {
      kind: 'record',
      label: 'paris-talks',
      editSummary: 'Normandy-format advisers to meet in Paris',
      development: {
        type: 'meeting-scheduled',
        participants: NORMANDY_FORMAT,
        location: 'Paris',
        scheduledFor: '2022-01-26',
        topic: 'Normandy-format talks between presidential advisers on the conflict in eastern Ukraine',
        occurredAt: '2022-01-26',
      },
    },
    {
      kind: 'record',
      label: 'paris-talks-held',
      editSummary: 'Paris round ended without visible progress',
      development: {
        type: 'meeting-held',
        meetingId: ref('paris-talks'),
        outcome: 'No visible progress; the advisers agreed to meet again in Berlin in about two weeks',
        occurredAt: '2022-01-26',
      },
    },
    {
      kind: 'record',
      label: 'berlin-talks',
      editSummary: 'Berlin follow-up agreed in Paris',
      development: {
        type: 'meeting-scheduled',
        participants: NORMANDY_FORMAT,
        location: 'Berlin',
        scheduledFor: '2022-02-09',
        topic: 'Follow-up round of the Normandy-format advisers’ talks',
        occurredAt: '2022-01-26',
        note: 'Agreed for "two weeks" after the Paris round; no exact date was given',
      },
    },
    {
      kind: 'record',
      label: 'no-nato-membership-rejected',
      editSummary: 'Washington and NATO reject the membership demand',
      development: { type: 'demand-rejected', demandId: ref('demand-no-nato-membership'), by: NATO_AND_US, occurredAt: '2022-01-26' },
    },
    {
      kind: 'record',
      label: 'no-weapons-rejected',
      editSummary: 'Washington and NATO reject the weapons demand',
      development: { type: 'demand-rejected', demandId: ref('demand-no-weapons'), by: NATO_AND_US, occurredAt: '2022-01-26' },
    },
    {
      kind: 'record',
      label: 'rollback-rejected',
      editSummary: 'Washington and NATO reject the roll-back demand',
      development: { type: 'demand-rejected', demandId: ref('demand-rollback'), by: NATO_AND_US, occurredAt: '2022-01-26' },
    },
    {
      kind: 'record',
      label: 'us-troops-offered',
      editSummary: "Biden offers troops for NATO's eastern flank",
      development: {
        type: 'deployment',
        force: 'US troops',
        count: 3000,
        destination: "NATO's eastern flank",
        occurredAt: '2022-02-02',
        note: 'Offered by President Joe Biden in answer to the Russian build-up',
      },
    },
    {
      kind: 'record',
      label: 'pripyat-drills',
      editSummary: 'Ukrainian urban combat drills in Pripyat',
      development: {
        type: 'note',
        text:
          'Ukrainian soldiers in white camouflage held live-fire urban combat drills in the deserted streets of Pripyat, ' +
          'inside the Chernobyl exclusion zone, which has stood empty since the 1986 reactor disaster',
        occurredAt: '2022-02-04',
      },
    },
    {
      kind: 'record',
      label: 'putin-minsk',
      editSummary: 'Moscow presses the West over the 2015 peace deal',
      development: {
        type: 'statement',
        speaker: 'Vladimir Putin and Russian officials',
        text:
          'France, Germany and other Western allies should push Ukraine to carry out the 2015 peace agreement: wide ' +
          'autonomy for the rebel-held east and an amnesty for the separatists, with Kyiv regaining control of the ' +
          'border there only once those terms are met',
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'macron-putin',
      editSummary: 'Macron–Putin talks set for Monday',
      development: {
        type: 'meeting-scheduled',
        participants: ['Emmanuel Macron', 'Vladimir Putin'],
        location: 'Kremlin, Moscow',
        scheduledFor: '2022-02-07',
        topic: 'Easing the crisis over Ukraine',
        occurredAt: '2022-02-06',
        note: 'Macron is due to travel on to Ukraine on Tuesday 8 February',
      },
    },
    {
      kind: 'record',
      label: 'macron-jdd',
      editSummary: 'Macron interview in the Journal du Dimanche',
      development: {
        type: 'statement',
        speaker: 'Emmanuel Macron',
        text:
          'A deal that heads off a full-scale war is possible, and Russia may legitimately raise its own security ' +
          'concerns. Its aim, he said, is "not Ukraine" but clearer rules with NATO and the EU; Europe should offer a ' +
          '"new balance" that shields the sovereignty of its states while treating Russia with respect',
        outlet: 'Journal du Dimanche',
        source: { name: 'Journal du Dimanche' },
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'sullivan-warning',
      editSummary: 'Sullivan: invasion could come any day',
      development: {
        type: 'statement',
        speaker: 'Jake Sullivan',
        text:
          'Russia could move against Ukraine "any day", or it could be a couple of weeks away, and a war would come at ' +
          'an "enormous human cost"',
        outlet: 'Fox News',
        source: { name: 'Fox News' },
        occurredAt: '2022-02-06',
        note: 'Sullivan is the White House national security adviser',
      },
    },
    {
      kind: 'record',
      label: 'russia-denial',
      editSummary: 'Moscow denies any plan to attack',
      development: {
        type: 'denial',
        by: 'Russia',
        text: 'Moscow says it has no plan to attack Ukraine',
        of: ref('sullivan-warning'),
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'troops-100k',
      editSummary: 'US officials revise the build-up upwards',
      development: {
        type: 'troop-estimate',
        ...RUSSIA_NEAR_UKRAINE,
        count: 100000,
        qualifier: 'more-than',
        capabilityShare: 70,
        source: { name: 'US officials (Reuters)' },
        occurredAt: '2022-02-06',
        note: 'About 70 per cent of the military capability needed for a full-scale invasion is said to be in place',
      },
    },
    {
      kind: 'record',
      label: 'macron-biden-call',
      editSummary: 'White House account of the Biden–Macron call',
      development: {
        type: 'statement',
        speaker: 'White House',
        text:
          "Biden and Macron discussed diplomacy and deterrence in the face of Russia's continuing build-up on " +
          "Ukraine's borders, and restated their support for Ukraine's sovereignty and territorial integrity",
        source: { name: 'White House' },
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'us-troops-poland',
      editSummary: 'First US troops arrive in Poland',
      development: {
        type: 'note',
        text: 'A first group of the US troops promised for the eastern flank landed in Poland on Sunday',
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'scholz-biden',
      editSummary: 'Scholz to see Biden in Washington',
      development: {
        type: 'meeting-scheduled',
        participants: ['Olaf Scholz', 'Joe Biden'],
        location: 'Washington',
        scheduledFor: '2022-02-07',
        topic: 'The stand-off over Ukraine',
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'scholz-kyiv',
      editSummary: 'Scholz to travel to Kyiv',
      development: {
        type: 'meeting-scheduled',
        participants: ['Olaf Scholz', 'Ukrainian government'],
        location: 'Kyiv',
        scheduledFor: '2022-02-14',
        topic: 'Visit by the German chancellor during the stand-off',
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'scholz-moscow',
      editSummary: 'Scholz to travel to Moscow',
      development: {
        type: 'meeting-scheduled',
        participants: ['Olaf Scholz', 'Russian government'],
        location: 'Moscow',
        scheduledFor: '2022-02-15',
        topic: 'Visit by the German chancellor during the stand-off',
        occurredAt: '2022-02-06',
      },
    },
    {
      kind: 'record',
      label: 'macron-putin-held',
      editSummary: 'Kremlin talks held',
      development: {
        type: 'meeting-held',
        meetingId: ref('macron-putin'),
        outcome: 'More than five hours of talks; no breakthrough was announced',
        occurredAt: '2022-02-07T21:00:00Z',
        note: 'Outcome from reports after the talks; the 7 February report was written before they began',
      },
    },
    {
      kind: 'revise',
      label: 'headline-after-talks',
      editSummary: 'Headline and summary updated now the talks have been held',
      changes: {
        headline: 'Macron and Putin hold Kremlin talks as more than 100,000 Russian troops mass near Ukraine',
        summary:
          "France's president met Vladimir Putin in the Kremlin on 7 February to try to cool the crisis over Ukraine; no " +
          'breakthrough was announced. Washington warns that Russia, with more than 100,000 troops near the border, ' +
          'could attack at any moment. Moscow denies planning an invasion and wants NATO to close its door to Ukraine ' +
          'and pull back from Eastern Europe; the United States and NATO have said no.',
      },
    },
    { kind: 'publish', label: 'publish', editSummary: 'Published' },
  ],
};
