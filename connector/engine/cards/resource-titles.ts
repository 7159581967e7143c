/**
 * How people name a card's SmartHR resource (`resource` in the card): the OpenAPI tags, the
 * Workflows guide's pages and the console's gallery headings all use these, so they read alike.
 */
export const RESOURCE_TITLES: Readonly<Record<string, string>> = {
  crews: 'Employees',
  users: 'Users',
  departments: 'Departments',
  job_titles: 'Job Titles',
  employment_types: 'Employment Types',
  biz_establishments: 'Business Establishments',
  crew_custom_field_templates: 'Custom Fields',
  crew_custom_field_template_groups: 'Custom Field Groups',
  any: 'Custom API Action',
};

export const resourceTitle = (resource: string): string => RESOURCE_TITLES[resource] ?? resource;
