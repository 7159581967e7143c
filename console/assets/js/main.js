// @ts-check
import { consoleSettings } from './api.js';
import { setUpConnection } from './connection.js';
import { byId } from './dom.js';
import { setUpGallery } from './gallery.js';
import { setUpCardDetail } from './try-card.js';

const settings = await consoleSettings();
const openCard = setUpCardDetail();
const loadGallery = setUpGallery(settings.resourceTitles, (id) => void openCard(id));
setUpConnection(() => void loadGallery());

byId('connector-key-row').hidden = !settings.connectorKeyRequired;
/** @type {HTMLInputElement} */ (byId('connector-key')).required = settings.connectorKeyRequired;
if (!settings.connectorKeyRequired) await loadGallery();
