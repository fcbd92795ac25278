import { demand, developmentRecorded, given, note, opened, record, retracted } from './testing';

describe('decide: demands', () => {
  const made = [opened(), developmentRecorded('q1', demand({ addressedTo: ['NATO', 'US', 'EU'] }))];
  const rejectedByNato = developmentRecorded('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] });
  const acceptedByEu = developmentRecorded('a1', { type: 'demand-accepted', demandId: 'q1', by: ['EU'] });

  describe('a demand that does not exist', () => {
    it.each([
      ['rejected', { type: 'demand-rejected', demandId: 'nope', by: ['NATO'] }],
      ['accepted', { type: 'demand-accepted', demandId: 'nope', by: ['NATO'] }],
    ] as const)('cannot be %s: DemandNotFound', (_action, development) => {
      given(...made).when(record('d1', development)).thenFails('DemandNotFound');
    });

    it('is not a development of another type', () => {
      given(opened(), developmentRecorded('n1', note('A demand'))).when(record('d1', { type: 'demand-rejected', demandId: 'n1', by: ['NATO'] })).thenFails('DemandNotFound');
    });

    it('is not a retracted demand', () => {
      given(...made, retracted('q1')).when(record('d1', { type: 'demand-accepted', demandId: 'q1', by: ['US'] })).thenFails('DemandNotFound');
    });
  });

  describe('demand-rejected', () => {
    it('rejects an open demand', () => {
      given(...made)
        .when(record('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'], statement: 'A non-starter' }))
        .then({ type: 'DemandRejected', data: { developmentId: 'r1', demandId: 'q1', by: ['NATO'], statement: 'A non-starter' } });
    });

    it('rejects a demand again, by another party', () => {
      given(...made, rejectedByNato)
        .when(record('r2', { type: 'demand-rejected', demandId: 'q1', by: ['US'] }))
        .then({ type: 'DemandRejected', data: { developmentId: 'r2', demandId: 'q1', by: ['US'] } });
    });

    it('accumulates rejectedBy and sets the status to rejected', () => {
      given(...made, rejectedByNato)
        .when(record('r2', { type: 'demand-rejected', demandId: 'q1', by: ['US', 'NATO'] }))
        .thenState(({ demands }) => expect(demands.q1).toMatchObject({ status: 'rejected', rejectedBy: ['NATO', 'US'], acceptedBy: [] }));
    });
  });

  describe('demand-accepted', () => {
    it('accepts an open demand', () => {
      given(...made)
        .when(record('a1', { type: 'demand-accepted', demandId: 'q1', by: ['EU'] }))
        .then({ type: 'DemandAccepted', data: { developmentId: 'a1', demandId: 'q1', by: ['EU'] } });
    });

    it('refuses an acceptance by a party who rejected the demand: DemandRejectedBySameParty', () => {
      const error = given(...made, rejectedByNato).when(record('a1', { type: 'demand-accepted', demandId: 'q1', by: ['EU', 'NATO'] })).thenFails('DemandRejectedBySameParty');
      expect(error.details).toMatchObject({ demandId: 'q1', parties: ['NATO'] });
    });

    it('lets a party accept once its rejection was retracted', () => {
      given(...made, rejectedByNato, retracted('r1'))
        .when(record('a1', { type: 'demand-accepted', demandId: 'q1', by: ['NATO'] }))
        .then({ type: 'DemandAccepted', data: { developmentId: 'a1', demandId: 'q1', by: ['NATO'] } });
    });
  });

  describe('status', () => {
    it('is open when nobody answered', () => {
      given(...made).thenState(({ demands }) => expect(demands.q1).toMatchObject({ status: 'open', rejectedBy: [], acceptedBy: [] }));
    });

    it('is accepted when only acceptances came', () => {
      given(...made).when(record('a1', { type: 'demand-accepted', demandId: 'q1', by: ['EU'] }))
        .thenState(({ demands }) => expect(demands.q1).toMatchObject({ status: 'accepted', rejectedBy: [], acceptedBy: ['EU'] }));
    });

    it('is mixed when accepted by some and rejected by others', () => {
      given(...made, acceptedByEu).when(record('r1', { type: 'demand-rejected', demandId: 'q1', by: ['NATO'] }))
        .thenState(({ demands }) => expect(demands.q1).toMatchObject({ status: 'mixed', rejectedBy: ['NATO'], acceptedBy: ['EU'] }));
    });

    it('goes back to open when its only answer is retracted', () => {
      given(...made, rejectedByNato).when({ type: 'RetractDevelopment', data: { developmentId: 'r1', reason: 'Misreported' } })
        .thenState(({ demands }) => expect(demands.q1).toMatchObject({ status: 'open', rejectedBy: [] }));
    });
  });
});
