// The public face of @story-tracker/verifiable-log: the Merkle tree over every event (RFC 9162), its
// tiles, the signed checkpoints (C2SP tlog-checkpoint) and a reading of the whole log from the store.
export { EMPTY_TREE_ROOT, HASH_BYTES, eventLeafHash, leafHash, nodeHash, type Hash } from './merkle/hashes';
export type { TreeHashes } from './merkle/tree-hashes';
export { rangeHash, rootHash } from './merkle/range-hash';
export { consistencyProof, inclusionProof } from './merkle/proofs';
export { verifyConsistency, verifyInclusion } from './merkle/verify-proofs';
export { StreamingRoot } from './merkle/streaming-root';
export { LogTree, TILE_HEIGHT, TILE_WIDTH } from './tiles/log-tree';
export { MemoryTileStore, type TileStore } from './tiles/tile-store';
export { SqliteTileStore } from './tiles/sqlite-tile-store';
export { LogHoleError, LogTreeProjection, type LogTreeCheck } from './projection/log-tree.projection';
export { LogSigningKey, keyIdOf, parseVerifierKey, verifierKeyOf, verifySignature, decodeBase64, type LogPublicKey } from './checkpoint/log-key';
export {
  MAX_CHECKPOINT_BYTES,
  MalformedCheckpointError,
  checkpointBody,
  isSignedBy,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type ParsedNote,
  type SignatureLine,
} from './checkpoint/checkpoint-note';
export { readLog, type LogReading, type ReadLogOptions } from './audit/read-log';
export { LOG_KEY_FILE, LOG_ORIGIN_FILE, loadLogIdentity, type LogIdentity, type LogIdentityOptions } from './identity/log-identity';
