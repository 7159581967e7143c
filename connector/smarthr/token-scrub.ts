/**
 * Removes the access token from text SmartHR sends back, in the spellings an upstream might echo
 * it in: as sent, percent-encoded (either hex case), form-encoded, base64 and base64url; and,
 * where the text is short enough to check (messages, header values, JSON strings of up to
 * MAX_PARTIAL_SCAN characters), any run of FRAGMENT or more of its characters, so a truncated or
 * partial echo goes too.
 */

const REDACTED = '[redacted]';
const FRAGMENT = 8;
const MAX_PARTIAL_SCAN = 4096;

function encodedForms(token: string): string[] {
  const percent = encodeURIComponent(token);
  const forms = [
    token,
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    token.replaceAll('+', ' '),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
    Buffer.from(token).toString('base64').replace(/=+$/, ''),
  ];
  // Longest first, so a form is never half-replaced by a shorter one it contains.
  return [...new Set(forms)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

export class TokenScrubber {
  private readonly forms: string[];
  // Worked out on first use: only SmartHR's texts (error answers, Custom API Action) are searched for partial runs.
  private fragments: Set<string> | undefined;

  constructor(private readonly token: string) {
    this.forms = token.length > 0 ? encodedForms(token) : [];
  }

  /** The text without the token in any of its whole forms; no search for partial runs (cheap, for every logged path). */
  exact(value: string): string {
    let out = value;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /**
   * The text without the token in any of its forms (and partial runs, for short texts), cut to
   * `maxLength`. Cut after the forms are replaced, so no form is split by the cut and half kept.
   */
  text(value: string, maxLength: number = Number.POSITIVE_INFINITY): string {
    // No form is longer than three times the token (percent-encoding), so one starting before the cut ends before this.
    let out = this.exact(value.length > maxLength ? value.slice(0, maxLength + 3 * this.token.length) : value);
    if (out.length > maxLength) out = out.slice(0, maxLength);
    return out.length <= MAX_PARTIAL_SCAN ? this.withoutFragments(out) : out;
  }

  /** A JSON value with every string (keys included) scrubbed. */
  json(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.json(item)]));
    }
    return value;
  }

  private withoutFragments(text: string): string {
    if (this.token.length < FRAGMENT || text.length < FRAGMENT) return text;
    this.fragments ??= this.fragmentsOf([this.token, encodeURIComponent(this.token)]);
    const hit = new Uint8Array(text.length);
    let any = false;
    for (let i = 0; i + FRAGMENT <= text.length; i += 1) {
      if (this.fragments.has(text.slice(i, i + FRAGMENT))) {
        hit.fill(1, i, i + FRAGMENT);
        any = true;
      }
    }
    if (!any) return text;
    let out = '';
    for (let i = 0; i < text.length; i += 1) {
      if (!hit[i]) out += text[i];
      else if (i === 0 || !hit[i - 1]) out += REDACTED;
    }
    return out;
  }

  private fragmentsOf(sources: string[]): Set<string> {
    const set = new Set<string>();
    for (const source of sources) for (let i = 0; i + FRAGMENT <= source.length; i += 1) set.add(source.slice(i, i + FRAGMENT));
    return set;
  }
}
