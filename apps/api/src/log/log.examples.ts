export const CHECKPOINT_TEXT_EXAMPLE =
  'story-tracker/5f1c0e9a2b7d4c83\n40\nq4OJ0x7p3LOzlCPaW0nIb0Qmb1zS4B0BeoK2UprHf0I=\n\n\u2014 story-tracker/5f1c0e9a2b7d4c83 Yk3s6Vq0dS2YyNf0PYXb7sXQk9xkM6T0x0m3DjZbH1m8u4W4s9T2HkzXH0sX5oQ7pGZ8uJXk4yQJm3mI0t4b6T1h0pQ=\n';

export const CHECKPOINT_JSON_EXAMPLE = {
  origin: 'story-tracker/5f1c0e9a2b7d4c83',
  treeSize: 40,
  rootHash: 'q4OJ0x7p3LOzlCPaW0nIb0Qmb1zS4B0BeoK2UprHf0I=',
  checkpoint: CHECKPOINT_TEXT_EXAMPLE,
};

export const LOG_KEY_EXAMPLE = {
  origin: 'story-tracker/5f1c0e9a2b7d4c83',
  keyId: '624deb95',
  publicKey: 'Nf1m3Tq8b0F0p6Yy3kX2d8mKxQ0w9zJ7u1s4H5a6B7c=',
  verifierKey: 'story-tracker/5f1c0e9a2b7d4c83+624deb95+ATX9Zt06vG9BdKemDd5F9nfJisUNMPcye7tbOB+Wugez',
};

export const INCLUSION_EXAMPLE = {
  index: 11,
  treeSize: 40,
  leafHash: 'm2Zf4HcB5rQeP3Y8x0mW1kJ0bD7s6T9u2V4a8N1c3E0=',
  hashes: ['3Jx0mW1kJ0bD7s6T9u2V4a8N1c3E0m2Zf4HcB5rQeP8=', 'p3Y8x0mW1kJ0bD7s6T9u2V4a8N1c3E0m2Zf4HcB5rQe=', 'T9u2V4a8N1c3E0m2Zf4HcB5rQeP3Y8x0mW1kJ0bD7s6='],
};

export const CONSISTENCY_EXAMPLE = {
  from: 17,
  to: 40,
  hashes: ['a8N1c3E0m2Zf4HcB5rQeP3Y8x0mW1kJ0bD7s6T9u2V4=', 'E0m2Zf4HcB5rQeP3Y8x0mW1kJ0bD7s6T9u2V4a8N1c3='],
};

export const VERIFY_CONSISTENT_EXAMPLE = { consistent: true, checkpointSize: 17, treeSize: 40 };

export const VERIFY_INCONSISTENT_EXAMPLE = {
  consistent: false,
  checkpointSize: 40,
  treeSize: 37,
  problem: 'The checkpoint covers 40 events but the log holds only 37: events were removed',
};
