/**
 * The Node.js line this project is built and tested on. package.json `engines`, `.node-version`,
 * `.nvmrc` and the Dockerfile's base image say the same; a unit test holds them to this value.
 */
export const SUPPORTED_NODE_MAJOR = 26;

/** Why this Node cannot run the tracker, in one line, or undefined when it can. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number.parseInt(version.replace(/^v/, ''), 10);
  if (Number.isInteger(major) && major >= SUPPORTED_NODE_MAJOR) return undefined;
  return (
    `Story Tracker needs Node.js ${SUPPORTED_NODE_MAJOR} or newer; this is Node.js ${version}. ` +
    `Install it, or run through scripts/with-node.sh (it brings Node.js ${SUPPORTED_NODE_MAJOR}).`
  );
}
