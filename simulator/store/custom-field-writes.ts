/**
 * Custom field template groups and templates (reference sections 6.8, 6.9). Deleting a group
 * deletes its templates; deleting a template deletes every crew's value for it. PUT on a
 * template keeps only the enum elements whose id is sent; PATCH keeps the others.
 */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import { invalidField, notFound } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { isBlank, toBool, toEnum, toInt, toList, toText } from './field-values.ts';
import {
  ACCESS_TYPES,
  TEMPLATE_TYPES,
  type AccessType,
  type EnumElement,
  type TemplateGroupRecord,
  type TemplateRecord,
  type TemplateType,
} from './records.ts';
import type { TenantData } from './tenant-data.ts';

const G = 'crew_custom_field_template_group';
const T = 'crew_custom_field_template';

function requiredName(resource: string, value: Json | undefined): string {
  const name = value === undefined ? null : toText(resource, 'name', value);
  if (!name) throw invalidField(resource, 'name', '名前を入力してください');
  return name;
}

function maxPosition(items: Iterable<{ position: number }>): number {
  let max = 0;
  for (const item of items) max = Math.max(max, item.position);
  return max;
}

export function writeGroup(data: TenantData, id: string | null, body: JsonObject, replace: boolean): TemplateGroupRecord {
  const existing = id ? data.templateGroups.get(id) : undefined;
  if (id && !existing) throw notFound();
  const name = !existing || replace || 'name' in body ? requiredName(G, body.name) : existing.name;
  const accessType =
    (toEnum(G, 'access_type', body.access_type ?? null, ACCESS_TYPES) as AccessType | null) ??
    (existing && !replace ? existing.accessType : 'read_and_update');
  const position =
    toInt(G, 'position', body.position ?? null) ?? existing?.position ?? maxPosition(data.templateGroups.values()) + 1;
  const now = nextTimestamp();
  const rec: TemplateGroupRecord = existing ?? { id: randomUUID(), name, position, accessType, createdAt: now, updatedAt: now };
  Object.assign(rec, { name, position, accessType, updatedAt: now });
  data.templateGroups.set(rec.id, rec);
  data.changed();
  return rec;
}

export function deleteGroup(data: TenantData, id: string): void {
  if (!data.templateGroups.delete(id)) throw notFound();
  for (const template of [...data.templates.values()]) if (template.groupId === id) deleteTemplate(data, template.id);
  data.changed();
}

function elementsFrom(value: Json, current: EnumElement[], replace: boolean): EnumElement[] {
  const kept = new Map(replace ? [] : current.map((el) => [el.id, { ...el }] as const));
  const byId = new Map(current.map((el) => [el.id, el] as const));
  let position = 0;
  for (const item of toList(T, 'elements', value)) {
    if (!isJsonObject(item)) throw invalidField(T, 'elements', '選択肢はオブジェクトの配列で指定してください');
    position++;
    const id = typeof item.id === 'string' ? item.id : null;
    const previous = id ? byId.get(id) : undefined;
    if (id && !previous) throw invalidField(T, 'elements', '存在しない選択肢のIDが指定されています');
    const name = item.name === undefined ? previous?.name : toText(T, 'elements.name', item.name);
    if (!name) throw invalidField(T, 'elements.name', '選択肢の名前を入力してください');
    kept.set(previous?.id ?? randomUUID(), {
      id: previous?.id ?? '',
      name,
      physical_name:
        item.physical_name === undefined ? (previous?.physical_name ?? null) : toText(T, 'elements.physical_name', item.physical_name),
      position: toInt(T, 'elements.position', item.position ?? null) ?? previous?.position ?? position,
    });
  }
  return [...kept.entries()].map(([elementId, el]) => ({ ...el, id: elementId }));
}

export function writeTemplate(data: TenantData, id: string | null, body: JsonObject, replace: boolean): TemplateRecord {
  const existing = id ? data.templates.get(id) : undefined;
  if (id && !existing) throw notFound();
  const fresh = !existing || replace;
  const given = (key: string): boolean => fresh || key in body;

  const name = given('name') ? requiredName(T, body.name) : (existing?.name ?? '');
  const type = (given('type') ? toEnum(T, 'type', body.type ?? null, TEMPLATE_TYPES) : existing?.type) as TemplateType | null;
  if (!type) throw invalidField(T, 'type', '種類を指定してください');
  if (existing && type !== existing.type) throw invalidField(T, 'type', '種類は変更できません');
  const groupId = given('group_id') ? (isBlank(body.group_id ?? null) ? null : String(body.group_id)) : (existing?.groupId ?? null);
  if (groupId !== null && !data.templateGroups.has(groupId)) {
    throw invalidField(T, 'group_id', 'group_idに存在しないIDが指定されています');
  }
  const elements =
    type !== 'enum' ? [] : given('elements') ? elementsFrom(body.elements ?? [], existing?.elements ?? [], replace) : (existing?.elements ?? []);
  if (type === 'enum' && elements.length === 0) throw invalidField(T, 'elements', '選択肢を1つ以上指定してください');

  const now = nextTimestamp();
  const rec: TemplateRecord = existing ?? {
    id: randomUUID(),
    name,
    type,
    elements: [],
    groupId,
    hint: null,
    scale: null,
    separatedByCommas: false,
    position: 0,
    createdAt: now,
    updatedAt: now,
  };
  Object.assign(rec, {
    name,
    type,
    elements,
    groupId,
    hint: given('hint') ? toText(T, 'hint', body.hint ?? null) : rec.hint,
    scale: given('scale') ? toInt(T, 'scale', body.scale ?? null) : rec.scale,
    separatedByCommas: given('separated_by_commas') ? (toBool(T, 'separated_by_commas', body.separated_by_commas ?? false) ?? false) : rec.separatedByCommas,
    position: toInt(T, 'position', body.position ?? null) ?? (existing ? rec.position : maxPosition(data.templates.values()) + 1),
    updatedAt: now,
  });
  data.templates.set(rec.id, rec);
  dropOrphanEnumValues(data, rec);
  data.changed();
  return rec;
}

function dropOrphanEnumValues(data: TenantData, template: TemplateRecord): void {
  if (template.type !== 'enum') return;
  const ids = new Set(template.elements.map((el) => el.id));
  for (const crew of data.crews.values()) {
    const stored = crew.customValues.get(template.id);
    if (typeof stored === 'string' && !ids.has(stored)) crew.customValues.delete(template.id);
  }
}

export function deleteTemplate(data: TenantData, id: string): void {
  if (!data.templates.delete(id)) throw notFound();
  for (const crew of data.crews.values()) crew.customValues.delete(id);
  data.changed();
}
