import { SUPPORTED_NODE_MAJOR, unsupportedNodeMessage } from './supported-node';

describe('unsupportedNodeMessage', () => {
  it.each([`${SUPPORTED_NODE_MAJOR}.0.0`, `v${SUPPORTED_NODE_MAJOR}.12.1`, `${SUPPORTED_NODE_MAJOR + 1}.0.0`])(
    'accepts Node.js %s',
    (version) => {
      expect(unsupportedNodeMessage(version)).toBeUndefined();
    },
  );

  it.each(['20.20.2', 'v22.12.0', `${SUPPORTED_NODE_MAJOR - 1}.9.0`, '', 'not-a-version'])('refuses Node.js %p in one line', (version) => {
    const message = unsupportedNodeMessage(version);
    expect(message).toContain(`needs Node.js ${SUPPORTED_NODE_MAJOR} or newer`);
    expect(message).toContain(`this is Node.js ${version}`);
    expect(message).not.toContain('\n');
  });
});
