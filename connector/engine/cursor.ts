import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import { ServiceError } from '../errors.ts';
import type { ListPosition } from './pagination.ts';

/**
 * Cursors of cursor pages: stateless, so any replica (or the same one after a restart) continues
 * from one, given the same secret. A cursor is `<payload>.<signature>`, both base64url: the
 * payload holds only where the walk stands (SmartHR list index and size, records returned so far,
 * when it began) and an HMAC of what it is bound to (card, options, inputs, tenant, account type),
 * never those values themselves, so it carries no personal data and no secret. The signature makes
 * any change to it evident.
 */

/** What a cursor is valid for: a page call with anything else is refused. */
export interface CursorBinding {
  cardId: string;
  options: Record<string, unknown>;
  inputs: Record<string, unknown>;
  tenantId: string;
  accountType: string;
}

/** Where a walk of a streaming result set stands between two page calls. */
export interface CursorState {
  position: ListPosition;
  /** Records returned by the earlier pages (Record Limit counts across pages). */
  streamed: number;
  /** Epoch ms the walk began (List Employee Profiles takes its Next Changed Since from it). */
  startedAt: number;
}

export const MAX_CURSOR_LENGTH = 1024;
const VERSION = 1;
const MAC_CONTEXT = 'smarthr-connector cursor v1\0';
const BINDING_CONTEXT = 'smarthr-connector cursor binding v1\0';
// Canonical JSON: the same options and inputs hash the same whatever the key order.
const canonical = configure({ deterministic: true, circularValue: TypeError, bigint: false });

interface Payload {
  v: number;
  /** Card id, only to say "another card" rather than "other inputs". */
  c: string;
  /** HMAC of the binding. */
  b: string;
  /** Expiry, epoch ms. */
  x: number;
  i: number;
  t?: number;
  n: number;
  s: number;
}

function invalidCursor(problem: string): ServiceError {
  const message = `The cursor ${problem}`;
  return new ServiceError(400, 'invalid_input', `Invalid cursor: ${problem}.`, [{ field: 'cursor', pointer: '/cursor', message: `${message}.` }]);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isPayload(value: unknown): value is Payload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return p.v === VERSION && typeof p.c === 'string' && typeof p.b === 'string' && isCount(p.x) && isCount(p.i) && (p.t === undefined || isCount(p.t)) && isCount(p.n) && isCount(p.s);
}

export interface CursorCodecOptions {
  /** CURSOR_SECRET; a random one (good for this process only) when absent. */
  secret?: string;
  ttlMs: number;
  now?: () => number;
}

export class CursorCodec {
  private readonly secret: Buffer;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: CursorCodecOptions) {
    this.secret = options.secret !== undefined ? Buffer.from(options.secret, 'utf8') : randomBytes(32);
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  issue(binding: CursorBinding, state: CursorState): string {
    const payload: Payload = {
      v: VERSION,
      c: binding.cardId,
      b: this.bindingHash(binding),
      x: this.now() + this.ttlMs,
      i: state.position.index,
      ...(state.position.total !== undefined ? { t: state.position.total } : {}),
      n: state.streamed,
      s: state.startedAt,
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.sign(body).toString('base64url')}`;
  }

  /** The state a cursor carries, or a 400 naming `cursor` saying what is wrong with it. */
  open(cursor: string, binding: CursorBinding): CursorState {
    if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor('is longer than any this service issues');
    const [body, signature, ...rest] = cursor.split('.');
    if (!body || !signature || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signature)) {
      throw invalidCursor('is not one this service issued');
    }
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalidCursor('was altered, or was issued by a service with another CURSOR_SECRET');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      payload = undefined;
    }
    if (!isPayload(payload)) throw invalidCursor('is not one this version of the service understands; start again with cursor null');
    if (payload.c !== binding.cardId) throw invalidCursor('belongs to another card');
    const bound = Buffer.from(payload.b, 'base64url');
    const wanted = Buffer.from(this.bindingHash(binding), 'base64url');
    if (bound.length !== wanted.length || !timingSafeEqual(bound, wanted)) {
      throw invalidCursor('was issued for other options, inputs or another connection (tenant, account type); send the same ones on every page');
    }
    if (this.now() > payload.x) throw invalidCursor('has expired; start again with cursor null');
    return {
      position: { index: payload.i, ...(payload.t !== undefined ? { total: payload.t } : {}) },
      streamed: payload.n,
      startedAt: payload.s,
    };
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.secret).update(MAC_CONTEXT).update(body).digest();
  }

  /** Keyed, so the hash of a low-entropy input (an email filter) cannot be guessed offline. */
  private bindingHash(binding: CursorBinding): string {
    const text = canonical([binding.cardId, binding.tenantId, binding.accountType, binding.options, binding.inputs]);
    return createHmac('sha256', this.secret).update(BINDING_CONTEXT).update(text).digest().subarray(0, 18).toString('base64url');
  }
}
