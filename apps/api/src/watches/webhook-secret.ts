import { hkdfSync } from 'node:crypto';

/**
 * A watch's webhook secret (Standard Webhooks `whsec_<base64>`), derived from the installation's key
 * and the watch id with HKDF, never stored: not in the event that made the watch, not in an export,
 * not in a read model. Every instance with the same key derives the same secret; shown once, when the
 * watch is made. (The key is the verifiable log's signing key, the one secret every instance shares.)
 */
export function webhookSecretOf(installationKey: Buffer, watchId: string): { readonly text: string; readonly bytes: Buffer } {
  const bytes = Buffer.from(hkdfSync('sha256', installationKey, Buffer.from('story-tracker webhook secret'), Buffer.from(watchId, 'utf8'), 32));
  return { text: `whsec_${bytes.toString('base64')}`, bytes };
}
