import type { CardDefinition } from '../../../../connector/generated/schemas/card.ts';
import { validCards } from '../../cards.ts';
import type { RepoLayout } from '../../paths.ts';
import { cardFlow, pagesFlow, settingsFlow, type FolderIds } from './card-flows.ts';
import { streamOf } from './card-io.ts';
import { catalogue, newestVersion } from './catalogue.ts';
import type { Flopack } from './format.ts';
import { uuidFrom } from './ids.ts';

const FOLDER_NAME = 'SmartHR';
/** The API Connector connection the Raw Request cards name; the admin maps it to a real one. */
const CONNECTION_NAME = 'SmartHR card service (Basic: connector key + SmartHR token)';
/** A fixed export time: the file must depend on the cards only. */
export const CREATED = '2026-01-01T00:00:00.000Z';
/** Where `npm run gen` keeps the committed copy (drift-checked); `npm run workflows:folder` writes dist/workflows/. */
export const COMMITTED_FOLDER = 'docs/workflows/SmartHR.folder';

const FOLDER_IDS: FolderIds = {
  group: uuidFrom(`folder:${FOLDER_NAME}`),
  connection: uuidFrom('connection:smarthr-card-service'),
  settingsFlow: uuidFrom('flow:settings'),
  pagesFlow: uuidFrom('flow:stream-pages'),
};

/** The folder export: the Settings flow, the Stream Pages flow when a card streams, and one flow per card. */
export function buildFolder(cards: CardDefinition[]): Flopack {
  const facts = catalogue();
  const sorted = [...cards].sort((a, b) => a.id.localeCompare(b.id));
  const flows = [settingsFlow(FOLDER_IDS), ...(sorted.some((c) => streamOf(c)) ? [pagesFlow(FOLDER_IDS)] : []), ...sorted.map((card) => cardFlow(card, FOLDER_IDS))];
  return {
    type: 'flopack',
    version: newestVersion(facts),
    created: CREATED,
    flags: facts.envelope.flags[0] ?? {},
    data: {
      flos: Object.fromEntries(flows.map((flow) => [flow.id, flow])),
      configs: { [FOLDER_IDS.connection]: { id: FOLDER_IDS.connection, name: CONNECTION_NAME, module: 'httpfunctions', data: null } },
      tables: {},
      groups: {
        [FOLDER_IDS.group]: {
          id: FOLDER_IDS.group,
          data: { name: FOLDER_NAME, description: 'Helper flows for the SmartHR card service: one per card. Generated from the cards by npm run workflows:folder.', media_uri: '', path: '' },
        },
      },
    },
  };
}

/** Compact, as Workflows exports are; key order is the order the builder created them in. */
export function serialiseFolder(pack: Flopack): string {
  return `${JSON.stringify(pack)}\n`;
}

export async function loadCards(layout: Pick<RepoLayout, 'cardsDir' | 'schemasDir'>): Promise<CardDefinition[]> {
  return (await validCards(layout)).map(({ card }) => card);
}

/** The committed copy, for `npm run gen` and the drift check. */
export function generateWorkflowsFolder(cards: CardDefinition[]): Map<string, string> {
  return new Map([[COMMITTED_FOLDER, serialiseFolder(buildFolder(cards))]]);
}
