import { serializeRequestForLog } from '../logging/request-log.serializer';
import { credentialParametersIn, redactCredentials } from './credentials-in-url';

describe('credentials in URLs', () => {
  it('finds credential parameters whatever their case or encoding', () => {
    expect(credentialParametersIn('/stories?q=x&access_token=abc&TOKEN=d')).toEqual(['access_token', 'TOKEN']);
    expect(credentialParametersIn('/stories?access%5Ftoken=abc')).toEqual(['access_token']);
    expect(credentialParametersIn('/stories?q=token&tokens=1')).toEqual([]);
    expect(credentialParametersIn('/stories')).toEqual([]);
  });

  it('redacts their values from a URL and leaves the rest as it was', () => {
    expect(redactCredentials('/stories?q=a%20b&access_token=abc&limit=5')).toBe('/stories?q=a%20b&access_token=[redacted]&limit=5');
    expect(redactCredentials('/stories?Token=abc&token')).toBe('/stories?Token=[redacted]&token=[redacted]');
    expect(redactCredentials('/stories?q=%E0%A4%A')).toBe('/stories?q=%E0%A4%A');
  });

  it('keeps them out of the request as logged: URL, parsed query and Referer', () => {
    const logged = serializeRequestForLog({ method: 'GET', url: '/stories?token=abc', query: { token: 'abc', q: 'x' }, headers: { referer: 'https://example.org/?access_token=abc', host: 'h' } });
    expect(JSON.stringify(logged)).not.toContain('abc');
    expect(logged).toMatchObject({ url: '/stories?token=[redacted]', query: { token: '[redacted]', q: 'x' }, headers: { host: 'h' } });
  });
});
