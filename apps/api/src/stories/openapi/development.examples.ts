/** Examples of POST /stories/{id}/developments bodies, one per kind of development, from the seed story. */
export function DEVELOPMENT_EXAMPLES() {
  return {
    'troop-estimate': {
      summary: 'Troop estimate',
      value: { type: 'troop-estimate', force: 'Russia', location: 'near the Ukrainian border', count: 100000, qualifier: 'more-than', capabilityShare: 70, source: { name: 'US officials' }, occurredAt: '2022-02-06T12:00:00Z' },
    },
    'meeting-scheduled': {
      summary: 'Meeting scheduled',
      value: { type: 'meeting-scheduled', participants: ['Emmanuel Macron', 'Vladimir Putin'], location: 'Moscow', scheduledFor: '2022-02-07', topic: 'De-escalation around Ukraine' },
    },
    'meeting-held': { summary: 'Meeting held', value: { type: 'meeting-held', meetingId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', outcome: 'Talks lasted more than five hours' } },
    'demand-made': {
      summary: 'Demand made',
      value: { type: 'demand-made', by: 'Russia', addressedTo: ['United States', 'NATO'], text: 'Bar Ukraine and other former Soviet states from joining NATO' },
    },
    'demand-rejected': { summary: 'Demand rejected', value: { type: 'demand-rejected', demandId: '01JZ6Q3V7C9X4M2B8N5K0T1R6W', by: ['United States', 'NATO'] } },
    statement: { summary: 'Statement', value: { type: 'statement', speaker: 'Emmanuel Macron', text: 'A deal to avoid a full-scale war is possible', outlet: 'Journal du Dimanche' } },
    denial: { summary: 'Denial', value: { type: 'denial', by: 'Russia', text: 'Russia has no plans to attack Ukraine' } },
    deployment: { summary: 'Deployment', value: { type: 'deployment', force: 'US troops', count: 3000, destination: "NATO's eastern flank" } },
    note: { summary: 'Note', value: { type: 'note', text: 'Ukrainian troops held urban combat drills in Pripyat' } },
  };
}
