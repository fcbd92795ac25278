import {
  corrected,
  demand,
  developmentRecorded,
  given,
  meeting,
  note,
  opened,
  correct,
  record,
  retract,
  retracted,
  troops,
} from './testing';

describe('decide: corrections and retractions', () => {
  const story = [opened(), developmentRecorded('t1', troops(92_000, { qualifier: 'about', source: { name: 'US officials', url: 'https://example.com' } }))];

  describe('CorrectDevelopment', () => {
    it('corrects a development, with its reason', () => {
      given(...story).when(correct('t1', { count: 100_000 }, 'Typo')).then(corrected('t1', { count: 100_000 }, 'Typo'));
    });

    it('keeps only the fields that really change in the event', () => {
      given(...story)
        .when(correct('t1', { count: 100_000, force: 'Russia', qualifier: 'about', capabilityShare: 70 }))
        .then(corrected('t1', { count: 100_000, capabilityShare: 70 }));
    });

    it('refuses a development the story does not have: DevelopmentNotFound', () => {
      given(...story).when(correct('nope', { count: 1 })).thenFails('DevelopmentNotFound');
    });

    it('refuses a retracted development: DevelopmentRetracted', () => {
      given(...story, retracted('t1')).when(correct('t1', { count: 100_000 })).thenFails('DevelopmentRetracted');
    });

    it('refuses a correction that changes nothing: CorrectionChangesNothing', () => {
      given(...story).when(correct('t1', { count: 92_000, qualifier: 'about' })).thenFails('CorrectionChangesNothing');
    });

    it('refuses an empty correction: CorrectionChangesNothing', () => {
      given(...story).when(correct('t1', {})).thenFails('CorrectionChangesNothing');
    });

    it('compares nested values by content, not by key order', () => {
      given(...story).when(correct('t1', { source: { url: 'https://example.com', name: 'US officials' } })).thenFails('CorrectionChangesNothing');
    });

    it('takes a correction that repeats a field after an earlier correction changed it', () => {
      given(...story, corrected('t1', { count: 100_000 })).when(correct('t1', { count: 100_000 })).thenFails('CorrectionChangesNothing');
    });

    describe('CorrectionNotAllowed: a correction fixes what was said, it does not re-aim it', () => {
      const aimed = [
        opened(),
        developmentRecorded('m1', meeting()),
        developmentRecorded('m2', meeting({ location: 'Vienna' })),
        developmentRecorded('h1', { type: 'meeting-held', meetingId: 'm1' }),
        developmentRecorded('q1', demand()),
        developmentRecorded('q2', demand({ text: 'Other' })),
        developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] }),
      ];

      it.each([
        ['meetingId', 'h1', { meetingId: 'm2' }],
        ['demandId', 'r1', { demandId: 'q2' }],
        ['type', 'h1', { type: 'meeting-cancelled' }],
        ['developmentId', 'h1', { developmentId: 'h9' }],
      ] as const)('refuses a change of %s', (_field, developmentId, changes) => {
        given(...aimed).when(correct(developmentId, changes)).thenFails('CorrectionNotAllowed');
      });

      it('refuses a change of a reference field even alongside allowed changes', () => {
        given(...aimed).when(correct('h1', { meetingId: 'm2', outcome: 'Progress' })).thenFails('CorrectionNotAllowed');
      });

      it('takes a correction that repeats the unchanged reference fields, and keeps only the real change', () => {
        given(...aimed)
          .when(correct('h1', { type: 'meeting-held', developmentId: 'h1', meetingId: 'm1', outcome: 'Progress' }))
          .then(corrected('h1', { outcome: 'Progress' }));
      });
    });

    describe('rules about other entries hold for the corrected development', () => {
      const answered = [
        opened(),
        developmentRecorded('q1', demand({ addressedTo: ['NATO', 'US'] })),
        developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] }),
        developmentRecorded('a1', { type: 'demand-accepted', demandId: 'q1', by: ['US'] }),
        developmentRecorded('n1', note('Claim')),
        developmentRecorded('x1', { type: 'denial', by: 'Kremlin', text: 'Untrue', of: 'n1' }),
      ];

      it('refuses an acceptance corrected to a party who rejected the demand: DemandRejectedBySameParty', () => {
        given(...answered).when(correct('a1', { by: ['US', 'NATO'] })).thenFails('DemandRejectedBySameParty');
      });

      it('refuses a denial corrected to be `of` an unknown development: DeniedDevelopmentNotFound', () => {
        given(...answered).when(correct('x1', { of: 'nope' })).thenFails('DeniedDevelopmentNotFound');
      });

      it('corrects a denial to be `of` another live development', () => {
        given(...answered, developmentRecorded('n2', note('Other claim'))).when(correct('x1', { of: 'n2' })).then(corrected('x1', { of: 'n2' }));
      });

      it('corrects the text of a denial whose denied development was retracted since', () => {
        given(...answered, retracted('n1')).when(correct('x1', { text: 'Lies' })).then(corrected('x1', { text: 'Lies' }));
      });

      it('corrects the statement of an acceptance whose party rejected the demand since', () => {
        given(...answered, developmentRecorded('r2', { type: 'demand-rejected', demandId: 'q1', by: ['US'] }))
          .when(correct('a1', { statement: 'We agree in principle' }))
          .then(corrected('a1', { statement: 'We agree in principle' }));
      });
    });
  });

  describe('RetractDevelopment', () => {
    it('retracts a development, with its reason', () => {
      given(...story).when(retract('t1', 'Figure withdrawn')).then(retracted('t1', 'Figure withdrawn'));
    });

    it('retracts a corrected development', () => {
      given(...story, corrected('t1', { count: 100_000 })).when(retract('t1')).then(retracted('t1'));
    });

    it('refuses a development the story does not have: DevelopmentNotFound', () => {
      given(...story).when(retract('nope')).thenFails('DevelopmentNotFound');
    });

    it('refuses a development retracted already: DevelopmentRetracted', () => {
      given(...story, retracted('t1')).when(retract('t1')).thenFails('DevelopmentRetracted');
    });

    it('lets a retracted meeting be scheduled anew under a new id', () => {
      given(opened(), developmentRecorded('m1', meeting()), retracted('m1'))
        .when(record('m2', meeting()))
        .then(developmentRecorded('m2', meeting()));
    });
  });
});
