/**
 * One tenant's in-memory SmartHR. Routes and tests go through the same methods, so a record a
 * test inserts directly obeys the same rules (validation, translations, updated_at) as one
 * written over HTTP. Methods that return records return freshly rendered JSON: callers may
 * mutate what they get without touching the store.
 */
import { notFound, SmartHRError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { renderBizEstablishment, type BizEmbed } from '../views/biz-establishment-view.ts';
import { renderCrew } from '../views/crew-view.ts';
import { renderDepartment } from '../views/department-view.ts';
import { renderEmploymentType, renderJobTitle, renderTemplate, renderTemplateGroup } from '../views/simple-views.ts';
import { renderUser, type UserEmbed } from '../views/user-view.ts';
import { crewQueryKey, queryCrews } from './crew-query.ts';
import { emptyCrew, newCrewId, writeCrew } from './crew-writes.ts';
import { deleteGroup, deleteTemplate, writeGroup, writeTemplate } from './custom-field-writes.ts';
import {
  createDepartment,
  deleteDepartment,
  discontinueDepartment,
  updateDepartment,
} from './department-writes.ts';
import { createEmploymentType, deleteEmploymentType, updateEmploymentType } from './employment-type-writes.ts';
import { inviteCrew } from './invite.ts';
import { createJobTitle, deleteJobTitle, updateJobTitle } from './job-title-writes.ts';
import { ListCache } from './list-order.ts';
import type { CrewRecord } from './records.ts';
import { TenantData } from './tenant-data.ts';
import type { TokenPermissions } from './permissions.ts';

export class TenantStore {
  readonly data: TenantData;
  private readonly lists = new ListCache();

  constructor(name: string) {
    this.data = new TenantData(name);
  }

  get name(): string {
    return this.data.name;
  }

  // --- tokens -------------------------------------------------------------------------------
  addToken(token: string, permissions: TokenPermissions): void {
    this.data.tokens.set(token, structuredClone(permissions));
  }

  removeToken(token: string): void {
    this.data.tokens.delete(token);
  }

  permissionsFor(token: string): TokenPermissions | undefined {
    return this.data.tokens.get(token);
  }

  /** Cached per data version: walking all pages of one query sorts and filters once. */
  cachedList<T>(key: string, compute: () => T[]): T[] {
    return this.lists.get(this.data.version, key, compute);
  }

  // --- crews --------------------------------------------------------------------------------
  crews(): JsonObject[] {
    return [...this.data.crews.values()].map((c) => renderCrew(this.data, c));
  }

  crew(id: string): JsonObject {
    return renderCrew(this.data, this.crewRecord(id));
  }

  crewRecord(id: string): CrewRecord {
    const crew = this.data.crews.get(id);
    if (!crew) throw notFound();
    return crew;
  }

  queryCrews(query: URLSearchParams): CrewRecord[] {
    return this.cachedList(`crews?${crewQueryKey(query)}`, () => queryCrews(this.data, query));
  }

  /** The plan's head count (SmartHR plans cap employees); undefined: no cap. */
  planLimit: number | undefined = undefined;

  insertCrew(body: JsonObject): JsonObject {
    if (this.planLimit !== undefined && this.data.crews.size >= this.planLimit) throw new SmartHRError('plan_limit_exceeded');
    const id = newCrewId();
    const crew = writeCrew(this.data, emptyCrew(id, ''), body, true);
    return renderCrew(this.data, crew);
  }

  updateCrew(id: string, patch: JsonObject): JsonObject {
    return renderCrew(this.data, writeCrew(this.data, this.crewRecord(id), patch, false));
  }

  deleteCrew(id: string): void {
    if (!this.data.crews.delete(id)) throw notFound();
    for (const user of this.data.users.values()) if (user.crewId === id) user.crewId = null;
    this.data.changed();
  }

  clearCrewDepartments(id: string): void {
    this.updateCrew(id, { department_ids: [] });
  }

  inviteCrew(id: string, body: JsonObject): void {
    inviteCrew(this.data, id, body);
  }

  // --- users --------------------------------------------------------------------------------
  users(embed: UserEmbed | null = null): JsonObject[] {
    return [...this.data.users.values()].map((u) => renderUser(this.data, u, embed));
  }

  user(id: string, embed: UserEmbed | null = null): JsonObject {
    const user = this.data.users.get(id);
    if (!user) throw notFound();
    return renderUser(this.data, user, embed);
  }

  // --- departments --------------------------------------------------------------------------
  departments(): JsonObject[] {
    return [...this.data.departments.values()].map((d) => renderDepartment(this.data, d));
  }

  department(id: string): JsonObject {
    const dept = this.data.departments.get(id);
    if (!dept) throw notFound();
    return renderDepartment(this.data, dept);
  }

  insertDepartment(body: JsonObject): JsonObject {
    return renderDepartment(this.data, createDepartment(this.data, body));
  }

  updateDepartment(id: string, body: JsonObject, replace = false): JsonObject {
    return renderDepartment(this.data, updateDepartment(this.data, id, body, replace));
  }

  deleteDepartment(id: string): void {
    deleteDepartment(this.data, id);
  }

  discontinueDepartment(id: string, body: JsonObject): void {
    discontinueDepartment(this.data, id, body);
  }

  // --- job titles ---------------------------------------------------------------------------
  jobTitles(): JsonObject[] {
    return [...this.data.jobTitles.values()].map(renderJobTitle);
  }

  jobTitle(id: string): JsonObject {
    const rec = this.data.jobTitles.get(id);
    if (!rec) throw notFound();
    return renderJobTitle(rec);
  }

  insertJobTitle(body: JsonObject): JsonObject {
    return renderJobTitle(createJobTitle(this.data, body));
  }

  updateJobTitle(id: string, body: JsonObject, replace = false): JsonObject {
    return renderJobTitle(updateJobTitle(this.data, id, body, replace));
  }

  deleteJobTitle(id: string): void {
    deleteJobTitle(this.data, id);
  }

  // --- employment types ---------------------------------------------------------------------
  employmentTypes(): JsonObject[] {
    return [...this.data.employmentTypes.values()].map(renderEmploymentType);
  }

  employmentType(id: string): JsonObject {
    const rec = this.data.employmentTypes.get(id);
    if (!rec) throw notFound();
    return renderEmploymentType(rec);
  }

  insertEmploymentType(body: JsonObject): JsonObject {
    return renderEmploymentType(createEmploymentType(this.data, body));
  }

  updateEmploymentType(id: string, body: JsonObject, replace = false): JsonObject {
    return renderEmploymentType(updateEmploymentType(this.data, id, body, replace));
  }

  deleteEmploymentType(id: string): void {
    deleteEmploymentType(this.data, id);
  }

  /**
   * Test fixture, not an API: gives an employment type another preset, or none, so a tenant can
   * lack a preset or hold it twice (what a connector's lookup by preset must explain).
   */
  setEmploymentTypePreset(id: string, presetType: string | null): JsonObject {
    const rec = this.data.employmentTypes.get(id);
    if (!rec) throw notFound();
    rec.presetType = presetType;
    this.data.changed();
    return renderEmploymentType(rec);
  }

  // --- business establishments --------------------------------------------------------------
  bizEstablishments(embed: BizEmbed | null = null): JsonObject[] {
    return [...this.data.bizEstablishments.values()].map((b) => renderBizEstablishment(this.data, b, embed));
  }

  // --- custom field template groups and templates -------------------------------------------
  templateGroups(): JsonObject[] {
    return [...this.data.templateGroups.values()].map(renderTemplateGroup);
  }

  templateGroup(id: string): JsonObject {
    const rec = this.data.templateGroups.get(id);
    if (!rec) throw notFound();
    return renderTemplateGroup(rec);
  }

  insertTemplateGroup(body: JsonObject): JsonObject {
    return renderTemplateGroup(writeGroup(this.data, null, body, false));
  }

  updateTemplateGroup(id: string, body: JsonObject, replace = false): JsonObject {
    return renderTemplateGroup(writeGroup(this.data, id, body, replace));
  }

  deleteTemplateGroup(id: string): void {
    deleteGroup(this.data, id);
  }

  templates(): JsonObject[] {
    return [...this.data.templates.values()].map(renderTemplate);
  }

  template(id: string): JsonObject {
    const rec = this.data.templates.get(id);
    if (!rec) throw notFound();
    return renderTemplate(rec);
  }

  insertTemplate(body: JsonObject): JsonObject {
    return renderTemplate(writeTemplate(this.data, null, body, false));
  }

  updateTemplate(id: string, body: JsonObject, replace = false): JsonObject {
    return renderTemplate(writeTemplate(this.data, id, body, replace));
  }

  deleteTemplate(id: string): void {
    deleteTemplate(this.data, id);
  }
}
