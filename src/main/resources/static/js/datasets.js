// The dataset catalog as the page knows it (GET /datasets): every built-in and uploaded dataset, their class names,
// and the dataset pickers of the page, which always list every dataset.

import {api} from './api.js';
import {showError} from './ui.js';

/**
 * Every dataset; the pickers are the <select data-dataset-picker> elements. A picker marked "ready" (training, the
 * gallery) can choose only datasets that are ready; one marked "any" (try a model) keeps its own data-fixed options
 * too. Datasets still provisioning, or failed, are listed but cannot be chosen.
 */
class DatasetCatalog {
  constructor() {
    this.datasets = [];
    this.listeners = [];
  }

  async refresh() {
    const error = document.getElementById('datasets-error');
    try {
      this.datasets = await api.listDatasets();
      showError(error, null);
    } catch (e) {
      showError(error, `Datasets cannot be listed: ${e.message}`);
      return;
    }
    document.querySelectorAll('select[data-dataset-picker]').forEach(select => this.fill(select));
    this.listeners.forEach(listener => listener(this.datasets));
  }

  /** Calls listener(datasets) after every refresh. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  find(name) {
    return this.datasets.find(dataset => dataset.name === name) || null;
  }

  /** The class names of a dataset in label order, or null when it is not known (yet). */
  classNames(name) {
    const dataset = this.find(name);
    return dataset && Array.isArray(dataset.classNames) ? dataset.classNames : null;
  }

  fill(select) {
    const chosen = select.value;
    for (const option of [...select.options]) {
      if (!option.dataset.fixed) option.remove();
    }
    for (const dataset of this.datasets) {
      const option = new Option(label(dataset), dataset.name);
      option.disabled = dataset.status !== 'ready';
      select.add(option);
    }
    const usable = [...select.options].filter(option => !option.disabled);
    const keep = usable.find(option => option.value === chosen);
    select.value = keep ? chosen : (usable[0] ? usable[0].value : '');
    if (!keep && chosen !== select.value) select.dispatchEvent(new Event('change'));
  }
}

/** "mnist · 10 classes", "my-digits · 3 classes · uploaded", "big-set · provisioning…". */
function label(dataset) {
  const parts = [dataset.name];
  if (Array.isArray(dataset.classNames)) parts.push(`${dataset.classNames.length} classes`);
  if (dataset.source && dataset.source.kind === 'uploaded') parts.push('uploaded');
  if (dataset.status === 'provisioning') parts.push('provisioning…');
  if (dataset.status === 'failed') parts.push('failed');
  return parts.join(' · ');
}

/** The page's one catalog. */
export const catalog = new DatasetCatalog();

/** Names for labels 0..count-1: the dataset's class names when known, else the labels themselves. */
export function namesFor(dataset, count) {
  const names = catalog.classNames(dataset);
  return Array.from({length: count}, (_, i) => (names && names[i] !== undefined ? names[i] : String(i)));
}
