// The sweep section: a form that builds POST /sweeps, the leaderboard of the sweep shown (kept live through its
// SSE stream), every trial's test accuracy per epoch in one chart, and "serve the best" (moves the production alias).

import {api, itemsOf} from './api.js';
import {LineChart} from './charts.js';
import {duration, el, percent, showError} from './ui.js';

const SERVE_ALIAS = 'production';
const WHOLE = new Set(['hiddenSize', 'batchSize', 'epochs', 'seed']);

/** A distinct colour per trial, stable across redraws. */
export function trialColour(n) {
  return `hsl(${(n * 137.508) % 360}, 65%, 45%)`;
}

/** The body of POST /sweeps from the form: the base, the swept values as grid or random, and the options. */
export function sweepRequestOf(form) {
  const request = {base: {}};
  const random = form.elements.namedItem('search').value === 'random';
  const swept = {};
  for (const element of form.elements) {
    const value = element.value.trim();
    if (!element.name || value === '' || element.type === 'checkbox') continue;
    const [group, key] = element.name.split('.');
    if (group === 'base') {
      request.base[key] = element.dataset.type === 'int' && Number.isFinite(Number(value)) ? Number(value) : value;
    } else if (group === 'swept') {
      swept[key] = parseValues(key, value, random);
    }
  }
  if (random) {
    request.random = swept;
    const trials = Number(form.elements.namedItem('trials').value);
    if (Number.isFinite(trials) && trials > 0) request.trials = trials;
  } else {
    request.grid = swept;
  }
  const name = form.elements.namedItem('name').value.trim();
  if (name) request.name = name;
  const promote = form.elements.namedItem('promote').value.trim();
  if (promote) request.promote = promote;
  if (form.elements.namedItem('median').checked) request.stopping = 'median';
  return request;
}

/** "50, 100" → [50, 100]; "sigmoid, relu" → ["sigmoid", "relu"]; with random, "0.01..1" → a range. */
function parseValues(key, text, random) {
  const range = text.match(/^\s*([-+0-9.eE]+)\s*\.\.\s*([-+0-9.eE]+)\s*$/);
  if (random && range) {
    return {min: Number(range[1]), max: Number(range[2]), log: key === 'learningRate'};
  }
  return text.split(',').map(v => v.trim()).filter(v => v !== '')
      .map(v => (Number.isFinite(Number(v)) && (key === 'learningRate' || WHOLE.has(key)) ? Number(v) : v));
}

/** The trial's colour beside its number: set through the CSSOM, as the page's CSP refuses style attributes. */
function swatch(trial) {
  const span = el('span', {className: 'swatch', 'aria-hidden': 'true'});
  span.style.backgroundColor = trialColour(trial);
  return span;
}

export class Sweeps {
  constructor({onModelsChanged}) {
    this.onModelsChanged = onModelsChanged;
    this.form = document.getElementById('sweep-form');
    this.detail = document.getElementById('sweep-detail');
    this.select = document.getElementById('sweep-select');
    this.serve = document.getElementById('sweep-serve');
    this.cancel = document.getElementById('sweep-cancel');
    this.message = document.getElementById('sweep-message');
    this.chart = new LineChart(document.getElementById('sweep-curves'),
        {xLabel: 'epoch', integerX: true, dots: true, yCap: 1, emptyText: 'no finished epoch yet'});
    this.sweep = null;
    this.source = null;
    this.form.addEventListener('submit', event => this.submit(event));
    this.select.addEventListener('change', () => this.show(this.select.value));
    this.serve.addEventListener('click', () => this.serveBest());
    this.cancel.addEventListener('click', () => this.cancelSweep());
  }

  async submit(event) {
    event.preventDefault();
    const error = document.getElementById('sweep-error');
    const status = document.getElementById('sweep-form-status');
    const button = document.getElementById('sweep-submit');
    showError(error, null);
    button.disabled = true;
    status.textContent = 'Starting…';
    try {
      const sweep = await api.startSweep(sweepRequestOf(this.form));
      status.textContent = `Sweep of ${sweep.progress.total} trials started.`;
      await this.refresh(sweep.id);
    } catch (e) {
      status.textContent = '';
      const fields = Object.entries(e.fieldErrors || {}).map(([field, message]) => `${field}: ${message}`);
      showError(error, fields.length ? fields.join('; ') : e.message);
    } finally {
      button.disabled = false;
    }
  }

  /** Reloads the list of sweeps and shows the given one (or the newest). */
  async refresh(id) {
    try {
      await this.load(id);
    } catch (e) {
      this.message.textContent = e.message;
    }
  }

  async load(id) {
    const sweeps = itemsOf(await api.listSweeps());
    this.select.replaceChildren(...sweeps.map(s => el('option', {value: s.id},
        `${s.name || s.id.slice(0, 8)} (${s.status.toLowerCase()})`)));
    const shown = id || (sweeps[0] && sweeps[0].id);
    if (shown) {
      this.select.value = shown;
      await this.show(shown);
    }
  }

  async show(id) {
    if (this.source) this.source.close();
    this.source = null;
    this.render(await api.sweep(id));
    if (this.sweep.status === 'RUNNING') this.follow(id);
  }

  /** Any event of the stream means the sweep changed: its state is fetched again (at most one fetch at a time). */
  follow(id) {
    const source = new EventSource(api.sweepEventsUrl(id));
    this.source = source;
    let fetching = false;
    let again = false;
    const update = async () => {
      if (fetching) { again = true; return; }
      fetching = true;
      try {
        do {
          again = false;
          const sweep = await api.sweep(id);
          if (this.source === source) this.render(sweep);
        } while (again);
      } catch (e) {
        this.message.textContent = e.message;
      } finally {
        fetching = false;
      }
    };
    for (const name of ['trial', 'epoch', 'sweep']) source.addEventListener(name, update);
    source.addEventListener('sweep', event => {
      if (JSON.parse(event.data).status !== 'RUNNING') {
        source.close();
        this.refreshList();
      }
    });
  }

  async refreshList() {
    const current = this.sweep && this.sweep.id;
    const sweeps = itemsOf(await api.listSweeps().catch(() => null));
    this.select.replaceChildren(...sweeps.map(s => el('option', {value: s.id},
        `${s.name || s.id.slice(0, 8)} (${s.status.toLowerCase()})`)));
    if (current) this.select.value = current;
  }

  render(sweep) {
    this.sweep = sweep;
    this.detail.hidden = false;
    this.detail.dataset.status = sweep.status;
    document.getElementById('sweep-name').textContent = sweep.name || `Sweep ${sweep.id.slice(0, 8)}`;
    const badge = document.getElementById('sweep-status');
    badge.textContent = sweep.status;
    badge.className = `badge ${sweep.status}`;
    document.getElementById('sweep-progress').textContent =
        `${sweep.progress.done} / ${sweep.progress.total} trials done`;
    this.cancel.disabled = sweep.status !== 'RUNNING';
    this.serve.disabled = !(sweep.best && sweep.best.modelId);
    const bestJob = sweep.best && sweep.best.jobId;
    document.getElementById('leaderboard-body').replaceChildren(...sweep.leaderboard.map((t, i) =>
      el('tr', {className: t.jobId && t.jobId === bestJob ? 'best' : null, 'data-trial': t.trial},
        el('td', {className: 'num'}, i + 1),
        el('td', {}, swatch(t.trial), `#${t.trial}`),
        el('td', {}, Object.entries(t.params).map(([k, v]) => `${k} ${v}`).join(', ')),
        el('td', {}, el('span', {className: `badge ${t.status}`}, t.status)),
        el('td', {className: 'num'}, percent(t.testAccuracy, 2)),
        el('td', {className: 'num'}, duration(t.seconds)),
        el('td', {className: 'model-id'}, t.modelId || '-'))));
    const series = sweep.leaderboard.filter(t => t.curve.length)
        .sort((a, b) => a.trial - b.trial)
        .map(t => ({name: `#${t.trial}`, color: trialColour(t.trial), points: t.curve.map((y, i) => [i + 1, y])}));
    this.chart.setSeries(series);
    this.chart.canvas.dataset.series = String(series.length);
    const best = sweep.best;
    document.getElementById('sweep-curves-summary').textContent = best
      ? `Best so far: trial #${best.trial} (${Object.entries(best.params).map(([k, v]) => `${k} ${v}`).join(', ')})`
        + ` at ${percent(best.testAccuracy, 2)}.`
      : `${series.length} trial(s) with a finished epoch.`;
    const promotion = sweep.promotion;
    this.message.textContent = promotion && promotion.modelId ? `${promotion.alias} now serves ${promotion.modelId}.`
      : promotion && promotion.error ? `Could not promote: ${promotion.error}` : '';
  }

  async serveBest() {
    const best = this.sweep && this.sweep.best;
    if (!best) return;
    this.serve.disabled = true;
    try {
      await api.setAlias(best.modelId, SERVE_ALIAS);
      this.message.textContent = `${SERVE_ALIAS} now serves ${best.modelId} (trial #${best.trial}).`;
      if (this.onModelsChanged) this.onModelsChanged();
    } catch (e) {
      this.message.textContent = e.message;
    } finally {
      this.serve.disabled = false;
    }
  }

  async cancelSweep() {
    if (!this.sweep) return;
    try {
      this.render(await api.cancelSweep(this.sweep.id));
      this.refreshList();
    } catch (e) {
      this.message.textContent = e.message;
    }
  }
}
