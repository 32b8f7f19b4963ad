import { expect } from 'chai';
import { isPublicAddress } from '../../../src/crm-http/address-policy.js';

describe('CRM address policy', () => {
  const refused = [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ];
  for (const ip of refused) {
    it(`when the CRM resolves to ${ip}, then it is not public`, () => expect(isPublicAddress(ip)).to.equal(false));
  }
  for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
    it(`when the CRM resolves to ${ip}, then it is public`, () => expect(isPublicAddress(ip)).to.equal(true));
  }
});
