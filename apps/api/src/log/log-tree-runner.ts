/** The runner that feeds the verifiable log's tree (a ProjectionRunner of its own, see LogModule). */
export const LOG_TREE_RUNNER = Symbol('LogTreeRunner');
