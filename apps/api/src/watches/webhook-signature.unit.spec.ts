import { createHmac, timingSafeEqual } from 'node:crypto';
import { signature, signedHeaders } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  it("match the convention's published example", () => {
    // The example of the Standard Webhooks specification and its reference libraries.
    const secret = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', '1614265330', '{"test": 2432232314}')).toBe('g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('sign the id, a fresh timestamp in seconds and the body as sent', () => {
    const secret = Buffer.alloc(32, 7);
    const body = '{"id":"42-01JZ6Q4A1B2C3D4E5F6G7H8J9K","description":"Über 100,000"}';
    const headers = signedHeaders(secret, '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K', body, new Date(1_767_225_600_999));
    expect(headers['webhook-id']).toBe('42-01JZ6Q4A1B2C3D4E5F6G7H8J9K');
    expect(headers['webhook-timestamp']).toBe('1767225600');
    // As a receiver checks it.
    const expected = createHmac('sha256', secret).update(`42-01JZ6Q4A1B2C3D4E5F6G7H8J9K.1767225600.${body}`).digest();
    const sent = Buffer.from(headers['webhook-signature'].replace(/^v1,/, ''), 'base64');
    expect(timingSafeEqual(sent, expected)).toBe(true);
    expect(signedHeaders(secret, '42-01JZ6Q4A1B2C3D4E5F6G7H8J9K', body, new Date(1_767_225_601_000))['webhook-signature']).not.toBe(headers['webhook-signature']);
  });
});
