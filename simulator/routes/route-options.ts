import type { PerPageOverMax } from '../http/pagination.ts';

export interface RouteOptions {
  perPageOverMax: () => PerPageOverMax;
}
