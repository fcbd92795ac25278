import { isInternalAddress } from './internal-addresses';

describe('the addresses a webhook found through DNS may not go to', () => {
  it.each(['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.31.255.255', '192.168.0.10', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.5', '::ffff:127.0.0.1', '224.0.0.1'])('refuses %s', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700::6810:85e5', '::ffff:93.184.215.14'])('lets %s through', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});
