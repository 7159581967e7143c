/**
 * Turning one written value into what is stored, or a 400 code 1 naming the field. Form bodies
 * carry everything as strings, so numbers and booleans are also accepted in their text form.
 */
import { randomUUID } from 'node:crypto';
import { isValidDate } from '../clock.ts';
import { invalidField } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import type { FieldKind } from './crew-fields.ts';

const ADDRESS_KEYS = ['country_number', 'zip_code', 'pref', 'city', 'street', 'building', 'literal_yomi'] as const;
const ATTACHMENT_EXTENSIONS = /\.(png|jpe?g|pdf|txt|csv|conf|log|docx?|xlsx?|gif)$/i;
const BASE64_RE = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

export function isBlank(value: Json | undefined): boolean {
  return value === undefined || value === null || value === '';
}

export function toText(resource: string, field: string, value: Json): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw invalidField(resource, field, `${field}は文字列で入力してください`);
}

export function toDate(resource: string, field: string, value: Json): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string' && isValidDate(value)) return value;
  throw invalidField(resource, field, `${field}は日付(yyyy-MM-dd)で入力してください`);
}

export function toInt(resource: string, field: string, value: Json): number | null {
  if (isBlank(value)) return null;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  throw invalidField(resource, field, `${field}は整数で入力してください`);
}

export function toBool(resource: string, field: string, value: Json): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidField(resource, field, `${field}は真偽値で入力してください`);
}

export function toEnum(resource: string, field: string, value: Json, allowed: readonly string[]): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string' && allowed.includes(value)) return value;
  throw invalidField(resource, field, `${field}は${allowed.join(', ')}のいずれかを指定してください`);
}

export function toAddress(resource: string, field: string, value: Json, existing: Json | undefined): JsonObject | null {
  if (value === null) return null;
  if (!isJsonObject(value)) throw invalidField(resource, field, `${field}はオブジェクトで入力してください`);
  const out: JsonObject = { id: isJsonObject(existing) && typeof existing.id === 'string' ? existing.id : randomUUID() };
  for (const key of ADDRESS_KEYS) {
    const v = value[key];
    out[key] = v === undefined ? null : toText(resource, `${field}.${key}`, v);
  }
  if (isBlank(out.city)) throw invalidField(resource, `${field}.city`, '市区町村を入力してください');
  return out;
}

/** Attachments arrive as {file_name, content(base64)}; only the file name is kept. */
export function toAttachmentName(resource: string, field: string, value: Json): string | null {
  if (value === null) return null;
  if (!isJsonObject(value) || typeof value.file_name !== 'string' || typeof value.content !== 'string') {
    throw invalidField(resource, field, `${field}は{file_name, content}で指定してください`);
  }
  if (!ATTACHMENT_EXTENSIONS.test(value.file_name)) {
    throw invalidField(resource, field, `${field}のファイル形式は添付できません`);
  }
  if (!BASE64_RE.test(value.content)) throw invalidField(resource, field, `${field}のcontentはBase64で指定してください`);
  return value.file_name;
}

export function toPlainValue(resource: string, field: string, kind: FieldKind, value: Json, existing: Json | undefined): Json {
  switch (kind) {
    case 'string':
      return toText(resource, field, value);
    case 'date':
      return toDate(resource, field, value);
    case 'int':
      return toInt(resource, field, value);
    case 'bool':
      return toBool(resource, field, value);
    case 'address':
      return toAddress(resource, field, value, existing);
    case 'attachment':
      return toAttachmentName(resource, field, value);
    default:
      return toEnum(resource, field, value, kind.enum);
  }
}

/** Form bodies send one-element lists as plain strings; JSON bodies send arrays. */
export function toList(resource: string, field: string, value: Json): Json[] {
  if (value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(',');
  throw invalidField(resource, field, `${field}は配列で指定してください`);
}
