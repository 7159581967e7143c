import type { Request } from 'express';
import { invalidField } from '../errors.ts';
import { searchParams } from '../http/query.ts';

export function idParam(req: Request): string {
  const id: unknown = req.params.id;
  return typeof id === 'string' ? id : '';
}

/** An `embed` value from a fixed list; anything else is 400 code 1. */
export function embedParam<T extends string>(req: Request, resource: string, allowed: readonly T[]): T | null {
  const value = searchParams(req).get('embed');
  if (value === null || value === '') return null;
  const match = allowed.find((a) => a === value);
  if (!match) throw invalidField(resource, 'embed', `embedには${allowed.join(', ')}のいずれかを指定してください`);
  return match;
}

export function fieldsParam(req: Request): string[] | null {
  const value = searchParams(req).get('fields');
  if (value === null || value.trim() === '') return null;
  return value.split(',').map((f) => f.trim()).filter((f) => f !== '');
}
