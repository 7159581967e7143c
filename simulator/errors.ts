/**
 * SmartHR's error envelope and its 9-row code table (reference section 5). Every non-2xx answer
 * of the simulator that SmartHR itself would give goes through this class, so the body shape
 * can never drift from `{code, type, message, errors}`.
 */

export interface SmartHRErrorDetail {
  message: string;
  resource: string;
  field: string;
}

export interface SmartHRErrorBody {
  code: number;
  type: string;
  message: string;
  errors: SmartHRErrorDetail[] | null;
}

const TABLE = {
  bad_request: { code: 1, status: 400, message: '不正なリクエストです' },
  unauthorized_token: { code: 2, status: 401, message: '無効なアクセストークンです' },
  forbidden: { code: 3, status: 403, message: 'アクセスが禁止されています' },
  not_found: { code: 4, status: 404, message: 'リソースが見つかりません' },
  internal_server_error: { code: 5, status: 500, message: '予期しないエラーが発生しました' },
  too_many_requests: { code: 6, status: 429, message: 'リクエスト数が上限を超えました' },
  plan_limit_exceeded: { code: 7, status: 403, message: 'プランの上限に達しています' },
  non_deletable_resource: { code: 8, status: 400, message: '削除できないリソースです' },
  service_maintenance: { code: 9, status: 503, message: 'メンテナンス中です' },
} as const;

export type SmartHRErrorType = keyof typeof TABLE;

export class SmartHRError extends Error {
  readonly status: number;
  readonly body: SmartHRErrorBody;

  /** `status` overrides the table's HTTP status (a fault may pair a body with any status). */
  constructor(type: SmartHRErrorType, message?: string, errors: SmartHRErrorDetail[] | null = null, status?: number) {
    const row = TABLE[type];
    super(message ?? row.message);
    this.status = status ?? row.status;
    this.body = { code: row.code, type, message: message ?? row.message, errors };
  }
}

/** A validation failure on one field: 400 code 1 naming the resource and the field. */
export function invalidField(resource: string, field: string, message: string): SmartHRError {
  return new SmartHRError('bad_request', message, [{ message, resource, field }]);
}

export function notFound(): SmartHRError {
  return new SmartHRError('not_found');
}
