// @ts-check
/**
 * Builds elements from data without innerHTML: card texts and SmartHR answers are shown as text,
 * so nothing a tenant stored can run as markup in the console.
 */

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | undefined>} [attributes]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** @param {string} id */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/** Replaces an element's children. @param {Element} parent @param {...(Node | string)} children */
export function show(parent, ...children) {
  parent.replaceChildren(...children);
}

/** Ids for generated controls, stable within one drawing. @param {string} prefix @param {string[]} path */
export function controlId(prefix, path) {
  return `${prefix}-${path.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
