import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` (the same on every retry), a fresh
 * `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256>`, keyed with the
 * secret's bytes (what follows `whsec_`, base64-decoded) over `<id>.<timestamp>.<body>`.
 */
export function signedHeaders(secret: Buffer, id: string, body: string, now: Date): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature(secret, id, timestamp, body)}` };
}

export function signature(secret: Buffer, id: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
}
