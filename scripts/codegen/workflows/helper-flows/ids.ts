import { createHash } from 'node:crypto';

/**
 * Ids derived from a seed instead of drawn at random, so the same cards give the same file.
 * Card, field and ordering ids in real exports are 8-12 characters of the base64url alphabet;
 * flow, folder and connection ids are UUIDs.
 */
const digest = (seed: string) => createHash('sha256').update(seed).digest();

const SHORT_ID_LENGTH = 10;

function shortId(seed: string): string {
  return digest(seed).toString('base64url').slice(0, SHORT_ID_LENGTH);
}

/** A UUID of the version-4 form (the form real exports use), taken from the seed's hash. */
export function uuidFrom(seed: string): string {
  const bytes = digest(seed).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Hands out the ids of one flow: its seed plus the position of each id asked for. */
export class IdSequence {
  private position = 0;
  constructor(private readonly seed: string) {}

  next(): string {
    this.position += 1;
    return shortId(`${this.seed}#${this.position}`);
  }
}
