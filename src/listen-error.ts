/**
 * Why the HTTP server could not listen, as a configuration error naming the variable to change,
 * or undefined for a failure that is not about configuration (a bug, reported as one). The codes
 * are those of listen(2) and getaddrinfo(3) as Node reports them (net.Server 'error' event).
 */
export function listenFailure(err: unknown, host: string, port: number): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT ${port} is already in use on HOST ${host}: stop what holds it or choose another PORT`;
    case 'EACCES':
      return `PORT ${port} on HOST ${host} needs privileges this process does not have: choose a PORT of 1024 or more`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: use 0.0.0.0 (every interface), 127.0.0.1, or one of this machine's addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return `HOST ${host} does not resolve to an address: use an IP address such as 0.0.0.0 or 127.0.0.1, or a name this machine resolves`;
    default:
      return undefined;
  }
}
