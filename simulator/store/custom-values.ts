/**
 * A crew's custom field value as written (reference section 6.3, value formats by template
 * type). Enum values may name an element by id or by physical_name; the element id is kept so
 * renaming a physical_name later still resolves.
 */
import { isValidDate } from '../clock.ts';
import { invalidField } from '../errors.ts';
import type { Json } from '../json.ts';
import type { TemplateRecord } from './records.ts';

const R = 'crew';
const F = 'custom_fields';

export function toCustomValue(template: TemplateRecord, value: Json, fileName: Json): Json {
  if (value === null || value === '') return null;
  switch (template.type) {
    case 'string':
    case 'text':
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      break;
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      break;
    }
    case 'date':
      if (typeof value === 'string' && isValidDate(value)) return value;
      break;
    case 'enum': {
      const element = template.elements.find((el) => el.id === value || (el.physical_name !== null && el.physical_name === value));
      if (element) return element.id;
      throw invalidField(R, F, `${template.name}に存在しない選択肢が指定されています`);
    }
    case 'file':
      if (typeof value === 'string' && typeof fileName === 'string' && fileName !== '') return fileName;
      throw invalidField(R, F, `${template.name}はBase64のvalueとfile_nameで指定してください`);
  }
  throw invalidField(R, F, `${template.name}の値の形式が正しくありません`);
}
