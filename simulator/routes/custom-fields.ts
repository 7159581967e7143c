/**
 * Custom field template groups (`embed=templates` adds the group's templates) and templates
 * (`embed=group` swaps group_id for the group), reference sections 6.8 and 6.9.
 */
import { Router } from 'express';
import type { JsonObject } from '../json.ts';
import { tenantOf } from '../http/auth.ts';
import { paginate } from '../http/pagination.ts';
import { bodyOf } from '../http/query.ts';
import type { TemplateGroupRecord, TemplateRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { renderTemplate, renderTemplateGroup } from '../views/simple-views.ts';
import { embedParam, idParam } from './params.ts';
import type { RouteOptions } from './route-options.ts';

function groupJson(data: TenantData, group: TemplateGroupRecord, withTemplates: boolean): JsonObject {
  const out = renderTemplateGroup(group);
  if (withTemplates) {
    out.templates = [...data.templates.values()].filter((t) => t.groupId === group.id).map(renderTemplate);
  }
  return out;
}

function templateJson(data: TenantData, template: TemplateRecord, withGroup: boolean): JsonObject {
  const out = renderTemplate(template);
  if (!withGroup) return out;
  const { group_id: groupId, ...rest } = out;
  const group = typeof groupId === 'string' ? data.templateGroups.get(groupId) : undefined;
  return { ...rest, group: group ? renderTemplateGroup(group) : null };
}

export function templateGroupsRouter(options: RouteOptions): Router {
  const router = Router();
  const R = 'crew_custom_field_template_group';
  const withTemplates = (req: Parameters<typeof embedParam>[0]): boolean => embedParam(req, R, ['templates'] as const) === 'templates';

  router.get('/', (req, res) => {
    const data = tenantOf(res).data;
    const embed = withTemplates(req);
    const rows = paginate(req, res, [...data.templateGroups.values()], options.perPageOverMax());
    res.json(rows.map((g) => groupJson(data, g, embed)));
  });
  router.post('/', (req, res) => {
    res.status(201).json(tenantOf(res).insertTemplateGroup(bodyOf(req)));
  });
  router.get('/:id', (req, res) => {
    const store = tenantOf(res);
    const group = store.data.templateGroups.get(idParam(req));
    res.json(group ? groupJson(store.data, group, withTemplates(req)) : store.templateGroup(idParam(req)));
  });
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateTemplateGroup(idParam(req), bodyOf(req), true));
  });
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateTemplateGroup(idParam(req), bodyOf(req), false));
  });
  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteTemplateGroup(idParam(req));
    res.status(204).end();
  });
  return router;
}

export function templatesRouter(options: RouteOptions): Router {
  const router = Router();
  const R = 'crew_custom_field_template';
  const withGroup = (req: Parameters<typeof embedParam>[0]): boolean => embedParam(req, R, ['group'] as const) === 'group';

  router.get('/', (req, res) => {
    const data = tenantOf(res).data;
    const embed = withGroup(req);
    const rows = paginate(req, res, [...data.templates.values()], options.perPageOverMax());
    res.json(rows.map((t) => templateJson(data, t, embed)));
  });
  router.post('/', (req, res) => {
    res.status(201).json(tenantOf(res).insertTemplate(bodyOf(req)));
  });
  router.get('/:id', (req, res) => {
    const store = tenantOf(res);
    const template = store.data.templates.get(idParam(req));
    res.json(template ? templateJson(store.data, template, withGroup(req)) : store.template(idParam(req)));
  });
  router.put('/:id', (req, res) => {
    res.json(tenantOf(res).updateTemplate(idParam(req), bodyOf(req), true));
  });
  router.patch('/:id', (req, res) => {
    res.json(tenantOf(res).updateTemplate(idParam(req), bodyOf(req), false));
  });
  router.delete('/:id', (req, res) => {
    tenantOf(res).deleteTemplate(idParam(req));
    res.status(204).end();
  });
  return router;
}
