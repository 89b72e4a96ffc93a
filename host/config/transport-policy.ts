/**
 * Links to the central system and the update feed carry personal data and installers: they must be
 * https, except on loopback (the demo's embedded server, a central on the same machine) or where a
 * developer has set `central.allowInsecureHttp` on purpose.
 */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Plain words for what is wrong with the URL, or null when the kiosk may use it. */
export function insecureUrlProblem(url: string, allowInsecureHttp: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol !== 'http:') return `${parsed.protocol} is not allowed: use https`;
  if (isLoopback(parsed.hostname) || allowInsecureHttp) return null;
  return `plain http to ${parsed.hostname} is not allowed: use https (or set central.allowInsecureHttp for development)`;
}
