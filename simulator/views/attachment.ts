/**
 * SmartHR hands out files as short-lived URLs (180 s, reference FAQ). The simulator stores only
 * file names, so it makes up a URL on a reserved host that no client can mistake for data.
 */
export const ATTACHMENT_URL_LIFETIME_S = 180;

export function attachmentUrl(tenant: string, ownerId: string, slot: string, fileName: string): string {
  const expires = Math.floor(Date.now() / 1000) + ATTACHMENT_URL_LIFETIME_S;
  return `https://files.smarthr-simulator.invalid/${encodeURIComponent(tenant)}/${ownerId}/${slot}/${encodeURIComponent(fileName)}?expires=${expires}`;
}
