/**
 * The raw collections of one tenant. Maps keep insertion order, which is SmartHR's stable
 * default (creation) order for lists. `version` moves on every write so cached list orders
 * and indexes know when to rebuild.
 */
import type {
  BizEstablishmentRecord,
  CrewRecord,
  DepartmentRecord,
  EmploymentTypeRecord,
  JobTitleRecord,
  NamedRecord,
  RoleRecord,
  TemplateGroupRecord,
  TemplateRecord,
  UserRecord,
} from './records.ts';
import type { TokenPermissions } from './permissions.ts';

export class TenantData {
  readonly crews = new Map<string, CrewRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly roles = new Map<string, RoleRecord>();
  readonly departments = new Map<string, DepartmentRecord>();
  readonly jobTitles = new Map<string, JobTitleRecord>();
  readonly employmentTypes = new Map<string, EmploymentTypeRecord>();
  readonly bizEstablishments = new Map<string, BizEstablishmentRecord>();
  readonly templateGroups = new Map<string, TemplateGroupRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly grades = new Map<string, NamedRecord>();
  readonly jobCategories = new Map<string, NamedRecord>();
  readonly recruitmentTypes = new Map<string, NamedRecord>();
  readonly paymentPeriods = new Map<string, NamedRecord>();
  readonly tokens = new Map<string, TokenPermissions>();
  companyId = '';
  companyName = '';
  companyCreatedAt = '';
  version = 0;

  constructor(readonly name: string) {}

  changed(): void {
    this.version++;
  }

  private childrenIndex: { version: number; byParent: Map<string | null, DepartmentRecord[]> } | null = null;

  /** Departments by parent id, rebuilt only after a write (crew renders ask for it per row). */
  childrenOf(parentId: string | null): DepartmentRecord[] {
    if (this.childrenIndex?.version !== this.version) {
      const byParent = new Map<string | null, DepartmentRecord[]>();
      for (const dept of this.departments.values()) {
        const list = byParent.get(dept.parentId) ?? [];
        list.push(dept);
        byParent.set(dept.parentId, list);
      }
      this.childrenIndex = { version: this.version, byParent };
    }
    return this.childrenIndex.byParent.get(parentId) ?? [];
  }
}
