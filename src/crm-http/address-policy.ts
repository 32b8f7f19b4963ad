import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is a public unicast address. CRM URLs arrive in request bodies, so the
 * bridge refuses to connect anywhere else unless configured to (server-side request forgery:
 * loopback, RFC 1918 private, link-local including cloud metadata 169.254.169.254, CGNAT,
 * unique-local, multicast, reserved, and IPv6 forms that embed an IPv4 address).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

/** `host` without brackets if it is an IP literal, else null. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
