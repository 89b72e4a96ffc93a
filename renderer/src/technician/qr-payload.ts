/**
 * What a provisioning QR code may hold: JSON {"central": URL, "code": CODE}, a URL whose query has
 * central= (or url=) and code=, a central URL alone, or an enrolment code alone.
 */
export interface ProvisioningPayload {
  centralUrl?: string;
  enrolmentCode?: string;
}

const codePattern = /^[A-Za-z0-9-]{4,64}$/;

function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

export function parseProvisioningPayload(raw: string): ProvisioningPayload {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2000) return {};
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      const central =
        typeof value.central === 'string' ? value.central : typeof value.url === 'string' ? value.url : '';
      const code = typeof value.code === 'string' ? value.code.trim() : '';
      return {
        ...(httpUrl(central) ? { centralUrl: httpUrl(central) } : {}),
        ...(codePattern.test(code) ? { enrolmentCode: code.toUpperCase() } : {}),
      };
    } catch {
      return {};
    }
  }
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url) {
    const central = url.searchParams.get('central') ?? url.searchParams.get('url');
    const code = url.searchParams.get('code')?.trim() ?? '';
    if (central || code) {
      return {
        ...(central && httpUrl(central) ? { centralUrl: httpUrl(central) } : {}),
        ...(codePattern.test(code) ? { enrolmentCode: code.toUpperCase() } : {}),
      };
    }
    const plain = httpUrl(text);
    return plain ? { centralUrl: plain } : {};
  }
  return codePattern.test(text) ? { enrolmentCode: text.toUpperCase() } : {};
}
