import type { DevelopmentCommon } from '../events/development';
import { forceCount, sourceSuffix } from '../history/format';
import { NO_RULES, type DevelopmentDefinition, type OwnEntry } from './definition';

export interface DeploymentFields extends DevelopmentCommon {
  readonly force: string;
  readonly count: number;
  readonly destination: string;
}

/** Troops sent somewhere. */
export const deployment: DevelopmentDefinition<'deployment', DeploymentFields, 'DeploymentRecorded', OwnEntry<'deployments'>> = {
  type: 'deployment',
  eventType: 'DeploymentRecorded',
  label: 'Deployment',
  fields: {
    force: { kind: 'name', label: 'Force', required: true },
    count: { kind: 'count', label: 'Number', required: true },
    destination: { kind: 'name', label: 'Destination', required: true },
  },
  document: { kind: 'entry', collection: 'deployments' },
  rules: NO_RULES,
  describe: (data) => `Deployment: ${forceCount(data.count, data.force)} to ${data.destination}${sourceSuffix(data.source)}`,
  name: (sent) => `deployment of ${forceCount(sent.count, sent.force)} to ${sent.destination}`,
  example: { force: 'US troops', count: 3000, destination: "NATO's eastern flank" },
};
