// @ts-check
import { getCard, runCard, runCardPage } from './api.js';
import { streamingChoice } from './card-fields.js';
import { cardDrawing } from './card-drawing.js';
import { cardForm, markProblems, readForm } from './card-form.js';
import { curlCommand } from './curl.js';
import { byId, el, show } from './dom.js';
import { errorView } from './errors.js';
import { recordsTable, valueView } from './result-view.js';

/** Records per page call; small enough that a page answers quickly, large enough to see a list. */
const CONSOLE_PAGE_SIZE = 100;

/**
 * The card detail: its drawing, a form from its options and inputs, Run, and the answer.
 * Streaming result sets go through /cards/{id}/pages with Load more, as Workflows would page.
 */
export function setUpCardDetail() {
  const panel = byId('card-detail');
  const form = /** @type {HTMLFormElement} */ (byId('try-form'));
  const result = byId('run-result');
  const loadMore = byId('load-more');
  const curl = byId('curl-command');
  /** @type {Record<string, any> | undefined} */
  let card;
  /** @type {{ body: Record<string, unknown>, cursor: string, append: (rows: Record<string, unknown>[]) => void, streamed: HTMLElement } | undefined} */
  let paging;

  /** The call the form describes: the card, or its pages when the streaming result set is chosen. @param {Record<string, any>} body */
  const target = (body) => {
    const streaming = card && streamingChoice(card);
    const pages = streaming !== undefined && body.options[streaming.option] === streaming.value;
    return pages ? { path: `/cards/${card?.id}/pages`, body: { ...body, cursor: null, pageSize: CONSOLE_PAGE_SIZE } } : { path: `/cards/${card?.id}`, body };
  };

  const failed = (/** @type {{ body: any, status: number }} */ answer) => {
    show(result, errorView(answer.body, answer.status));
    markProblems(form, Array.isArray(answer.body?.error?.details) ? answer.body.error.details : []);
  };

  /** @param {any} page */
  const showPageCount = (page) => `${page['Records Streamed']} record(s) streamed${page['Next Cursor'] ? '; more are available' : '; that is all'}`;

  async function run() {
    if (!card) return;
    const { body, problems } = readForm(form);
    loadMore.hidden = true;
    paging = undefined;
    if (problems.length > 0) return failed({ status: 400, body: { error: { status: 400, code: 'invalid_input', message: 'Some values cannot be read.', details: problems } } });
    markProblems(form, []);
    const call = target(body);
    show(result, el('p', {}, `Running ${card.name}…`));
    const answer = call.path.endsWith('/pages') ? await runCardPage(card.id, call.body) : await runCard(card.id, call.body);
    if (!answer.ok) return failed(answer);
    if (!call.path.endsWith('/pages')) return show(result, el('h4', {}, 'Answer'), valueView(answer.body));
    const records = recordsTable(answer.body.Records);
    const streamed = el('p', { id: 'records-streamed' }, showPageCount(answer.body));
    show(result, el('h4', {}, 'Records'), streamed, records.table);
    if (answer.body['Next Cursor']) {
      paging = { body, cursor: answer.body['Next Cursor'], append: records.append, streamed };
      loadMore.hidden = false;
    }
  }

  async function more() {
    if (!card || !paging) return;
    const answer = await runCardPage(card.id, { ...paging.body, cursor: paging.cursor, pageSize: CONSOLE_PAGE_SIZE });
    if (!answer.ok) {
      loadMore.hidden = true;
      return result.append(errorView(answer.body, answer.status));
    }
    paging.append(answer.body.Records);
    paging.streamed.textContent = showPageCount(answer.body);
    paging.cursor = answer.body['Next Cursor'];
    loadMore.hidden = !paging.cursor;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  loadMore.addEventListener('click', () => void more());
  byId('copy-curl').addEventListener('click', () => {
    const call = target(readForm(form).body);
    curl.textContent = curlCommand(call.path, call.body);
    curl.hidden = false;
    navigator.clipboard?.writeText(curl.textContent).catch(() => undefined);
  });

  /** Opens a card: draws it and builds its form. @param {string} id */
  return async function open(id) {
    const answer = await getCard(id);
    panel.hidden = false;
    show(result);
    curl.hidden = true;
    loadMore.hidden = true;
    if (!answer.ok) {
      card = undefined;
      show(byId('card-drawing'), errorView(answer.body, answer.status));
      show(form);
      return;
    }
    card = answer.body;
    byId('card-detail-title').textContent = answer.body.name;
    show(byId('card-drawing'), cardDrawing(answer.body));
    show(form, ...cardForm(answer.body));
    panel.scrollIntoView({ block: 'start' });
  };
}
