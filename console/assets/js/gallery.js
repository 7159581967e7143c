// @ts-check
import { listCards } from './api.js';
import { byId, el, show } from './dom.js';
import { errorView } from './errors.js';

/** @typedef {{ id: string, name: string, description: string, resource: string, access: string }} CardSummary */

/** @param {CardSummary} card @param {string} query */
const matches = (card, query) => query === '' || `${card.name} ${card.description} ${card.id}`.toLowerCase().includes(query);

/**
 * The card gallery: every card grouped by SmartHR resource, filtered as the admin types.
 * @param {Record<string, string>} resourceTitles the server's names of the resources
 * @param {(id: string) => void} onOpen
 */
export function setUpGallery(resourceTitles, onOpen) {
  const list = byId('card-list');
  const search = /** @type {HTMLInputElement} */ (byId('card-search'));
  /** @type {CardSummary[]} */
  let cards = [];

  const draw = () => {
    const query = search.value.trim().toLowerCase();
    const shown = cards.filter((card) => matches(card, query));
    /** @type {Map<string, CardSummary[]>} */
    const byResource = new Map();
    for (const card of shown) byResource.set(card.resource, [...(byResource.get(card.resource) ?? []), card]);
    show(
      list,
      shown.length === 0 ? el('p', {}, 'No card matches.') : '',
      ...[...byResource].map(([resource, group]) =>
        el(
          'section',
          { class: 'resource' },
          el('h3', {}, resourceTitles[resource] ?? resource),
          el('ul', { class: 'card-tiles' }, ...group.map((card) =>
            el('li', {}, el('button', { type: 'button', class: `card-tile access-${card.access}`, 'data-card-id': card.id, title: card.description },
              el('span', { class: 'tile-name' }, card.name), el('span', { class: 'tile-access' }, card.access === 'write' ? 'Write' : 'Read'))),
          )),
        ),
      ),
    );
  };

  list.addEventListener('click', (event) => {
    const tile = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[data-card-id]'));
    if (tile?.dataset.cardId) onOpen(tile.dataset.cardId);
  });
  search.addEventListener('input', draw);

  return async function load() {
    const answer = await listCards();
    if (!answer.ok) {
      show(list, errorView(answer.body, answer.status), el('p', {}, 'Enter the connection (and the Connector Key if asked) and test it; the cards load then.'));
      return;
    }
    cards = answer.body.cards;
    draw();
  };
}
