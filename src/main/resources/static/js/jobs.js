// Watch: the list of jobs (polled) and the selected job, followed live through its Server-Sent Events stream.

import {api} from './api.js';
import {LineChart} from './charts.js';
import {dateTime, duration, el, number, percent, showError, TERMINAL} from './ui.js';

const POLL_MS = 2000;
const IDLE_POLL_MS = 15000;
const STREAM_RETRY_MS = 5000;
// The stream's events: "status" carries the whole job (on opening and on every change of status), "progress" its
// position (iteration, loss, progress, eta; a few per second), "epoch" a finished epoch's history entry.
const EVENT_NAMES = ['status', 'progress', 'epoch'];

export class Jobs {
  constructor({onModelStored}) {
    this.onModelStored = onModelStored;
    this.list = document.getElementById('jobs-list');
    this.items = new Map();       // job id -> list item
    this.jobs = [];
    this.selected = null;         // the selected job as last known
    this.lossPoints = [];         // [[iteration, loss], ...] of the selected job, as streamed
    this.source = null;
    this.lastListRefresh = 0;
    this.lossChart = new LineChart(document.getElementById('loss-chart'),
        {xLabel: 'iteration', xMin: 0, emptyText: 'waiting for the first iterations…'});
    this.accuracyChart = new LineChart(document.getElementById('accuracy-chart'),
        {xLabel: 'epoch', dots: true, integerX: true, yCap: 1, emptyText: 'after the first epoch…'});

    document.getElementById('jobs-refresh').addEventListener('click', () => this.refresh());
    document.getElementById('job-cancel').addEventListener('click', () => this.cancelSelected());
    setInterval(() => this.poll(), POLL_MS);
  }

  poll() {
    if (document.hidden) return;
    const busy = this.jobs.some(job => !TERMINAL.has(job.status));
    if (busy || Date.now() - this.lastListRefresh > IDLE_POLL_MS) this.refresh();
  }

  async refresh() {
    this.lastListRefresh = Date.now();
    try {
      this.jobs = await api.listJobs();
      showError(document.getElementById('jobs-error'), null);
    } catch (e) {
      showError(document.getElementById('jobs-error'), `Jobs cannot be listed: ${e.message}`);
      return;
    }
    if (this.selected) {
      // the stream is fresher than the list for the selected job
      this.jobs = this.jobs.map(job => (job.id === this.selected.id && this.source ? this.selected : job));
    }
    this.renderList();
  }

  renderList() {
    document.getElementById('jobs-empty').hidden = this.jobs.length > 0;
    const seen = new Set();
    this.jobs.forEach((job, index) => {
      seen.add(job.id);
      let item = this.items.get(job.id);
      if (!item) {
        item = this.createItem(job);
        this.items.set(job.id, item);
      }
      this.updateItem(item, job);
      if (this.list.children[index] !== item) this.list.insertBefore(item, this.list.children[index] || null);
    });
    for (const [id, item] of this.items) {
      if (!seen.has(id)) {
        item.remove();
        this.items.delete(id);
      }
    }
  }

  createItem(job) {
    const button = el('button', {type: 'button', onclick: () => this.select(job.id)},
        el('span', {className: 'job-name'}), el('span', {className: 'badge'}),
        el('progress', {max: 1, value: 0}), el('span', {className: 'job-meta'}));
    return el('li', {className: 'job-item', 'data-job-id': job.id}, button);
  }

  updateItem(item, job) {
    const button = item.firstChild;
    const [name, badge, progress, meta] = button.children;
    name.textContent = job.name || shortId(job.id);
    name.title = job.id;
    badge.textContent = job.status;
    badge.className = `badge ${job.status}`;
    progress.value = job.progress || 0;
    const label = `${job.name || job.id}: ${job.status}, ${percent(job.progress || 0, 0)}`;
    progress.setAttribute('aria-label', `Progress of ${job.name || job.id}`);
    button.setAttribute('aria-label', label);
    const config = job.config || {};
    meta.textContent = [config.dataset, config.hiddenSize && `H=${config.hiddenSize}`, config.activation,
      config.optimizer, dateTime(job.createdAt)].filter(Boolean).join(' · ');
    button.setAttribute('aria-current', this.selected && this.selected.id === job.id ? 'true' : 'false');
  }

  /** Shows a job and, unless it has finished, follows it live. */
  async select(id, known) {
    this.closeStream();
    this.lossPoints = [];
    this.selected = known || {id};
    document.getElementById('job-detail').hidden = false;
    document.getElementById('job-placeholder').hidden = true;
    this.items.forEach((item, itemId) => item.firstChild.setAttribute('aria-current', String(itemId === id)));
    this.render();
    let job;
    try {
      job = await api.job(id);
    } catch (e) {
      showError(document.getElementById('job-error'), `Job ${id} cannot be read: ${e.message}`);
      return;
    }
    if (this.selected.id !== id) return;   // another job was chosen meanwhile
    this.selected = job;
    this.render();
    if (!TERMINAL.has(this.selected.status)) this.openStream(id);
  }

  openStream(id) {
    const source = new EventSource(api.jobEventsUrl(id));
    this.source = source;
    const onEvent = event => {
      if (this.source !== source) return;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;   // a comment or keep-alive, not a job update
      }
      this.apply(data, event.type);
    };
    EVENT_NAMES.forEach(name => source.addEventListener(name, onEvent));
    source.addEventListener('error', () => {
      // The server ends the stream after the final status; the browser would reconnect, so check the job instead.
      if (this.source === source) this.checkAfterStreamEnd(id, source);
    });
  }

  async checkAfterStreamEnd(id, source) {
    let job;
    try {
      job = await api.job(id);
    } catch (e) {
      return;   // the stream reconnects by itself; the list poll reports a server that went away
    }
    if (!this.selected || this.selected.id !== id || this.source !== source) return;
    if (TERMINAL.has(job.status)) {
      this.finish(job);
    } else if (source.readyState === EventSource.CLOSED) {
      // refused for good (the server caps its streams): show what is known and try again a little later
      this.apply(job, 'status');
      this.source = null;
      setTimeout(() => {
        if (this.selected && this.selected.id === id && !this.source) this.openStream(id);
      }, STREAM_RETRY_MS);
    }
  }

  closeStream() {
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }

  /** Merges one streamed update into the selected job. */
  apply(data, type) {
    const job = this.selected;
    if (data.id && data.id !== job.id) return;
    if (type !== 'epoch') {
      for (const key of ['status', 'progress', 'epoch', 'epochs', 'iteration', 'iterations', 'loss', 'etaSeconds',
        'history', 'modelId', 'error', 'startedAt', 'finishedAt']) {
        if (data[key] !== undefined && data[key] !== null) job[key] = data[key];
      }
    }
    if (Number.isFinite(data.iteration) && Number.isFinite(data.loss)) {
      const last = this.lossPoints[this.lossPoints.length - 1];
      if (!last || data.iteration > last[0]) this.lossPoints.push([data.iteration, data.loss]);
    }
    if (type === 'epoch') {
      // keep the history in step until the final status brings the whole of it
      job.history = (job.history || []).filter(h => h.epoch !== data.epoch).concat([{
        epoch: data.epoch, trainLoss: data.trainLoss, trainAccuracy: data.trainAccuracy,
        testAccuracy: data.testAccuracy, seconds: data.seconds,
      }]);
    }
    this.render();
    const item = this.items.get(job.id);
    if (item) this.updateItem(item, job);
    if (TERMINAL.has(job.status)) this.finish(job);
  }

  async finish(job) {
    if (this.finishedId === job.id && !this.source) return;
    this.finishedId = job.id;
    this.closeStream();
    let final = job;
    try {
      final = await api.job(job.id);   // the complete final record
    } catch (e) {
      // keep what the stream said
    }
    if (this.selected.id === job.id) {
      Object.assign(this.selected, final);
      this.render();
    }
    this.refresh();
    if (final.status === 'SUCCEEDED' && final.modelId) this.onModelStored(final.modelId);
  }

  async cancelSelected() {
    const job = this.selected;
    if (!job) return;
    const button = document.getElementById('job-cancel');
    button.disabled = true;
    try {
      const answer = await api.cancelJob(job.id);
      if (answer && answer.status) this.apply(answer, 'status');
      showError(document.getElementById('job-error'), null);
    } catch (e) {
      showError(document.getElementById('job-error'), e.message);
    }
    this.refresh();
  }

  render() {
    const job = this.selected;
    if (!job) return;
    const byId = id => document.getElementById(id);
    byId('job-title').textContent = job.name || `Job ${shortId(job.id)}`;
    byId('job-title').title = job.id;
    byId('job-status').textContent = job.status || '…';
    byId('job-status').className = `badge ${job.status || ''}`;
    byId('job-cancel').disabled = !job.status || TERMINAL.has(job.status);
    const progress = job.progress || 0;
    byId('job-progress').value = progress;
    byId('job-progress-text').textContent = percent(progress, 0);
    byId('job-epoch').textContent = job.epochs ? `${job.epoch || 0} / ${job.epochs}` : '-';
    byId('job-iteration').textContent = job.iterations ? `${job.iteration || 0} / ${job.iterations}` : '-';
    byId('job-loss').textContent = number(job.loss);
    const history = Array.isArray(job.history) ? job.history : [];
    const lastEpoch = history[history.length - 1];
    byId('job-accuracy').textContent = lastEpoch ? percent(lastEpoch.testAccuracy, 2) : '-';
    byId('job-eta').textContent = TERMINAL.has(job.status) ? '-' : duration(job.etaSeconds);
    byId('job-message').textContent = message(job);
    showError(byId('job-error'), job.status === 'FAILED' && job.error ? `Failed: ${job.error}` : null);

    this.lossChart.options.xMax = job.iterations || undefined;
    this.lossChart.options.emptyText = emptyLossText(job);
    this.lossChart.setSeries([{name: 'loss', color: 'accent', points: this.lossCurve(job, history)}]);
    this.accuracyChart.options.xMin = 1;
    this.accuracyChart.options.xMax = Math.max(job.epochs || 1, history.length, 2);
    this.accuracyChart.setSeries([
      {name: 'train', color: 'accent', points: history.map(h => [h.epoch, h.trainAccuracy])},
      {name: 'test', color: 'accent2', points: history.map(h => [h.epoch, h.testAccuracy])},
    ]);
    this.describeCharts(job, history);
  }

  /**
   * The loss per iteration as streamed while the job is watched; for a job not watched live (finished before the
   * page opened it), each epoch's mean training loss, placed at the epoch's last iteration.
   */
  lossCurve(job, history) {
    if (this.lossPoints.length || !history.length) return this.lossPoints;
    const perEpoch = iterationsPerEpoch(job);
    return perEpoch ? history.map(h => [h.epoch * perEpoch, h.trainLoss]) : [];
  }

  describeCharts(job, history) {
    const loss = document.getElementById('loss-chart');
    const curve = this.lossCurve(job, history);
    loss.dataset.points = String(curve.length);
    const last = curve[curve.length - 1];
    const perEpoch = curve !== this.lossPoints;
    document.getElementById('loss-caption').textContent = perEpoch ? 'Mean training loss per epoch'
        : 'Training loss per iteration';
    document.getElementById('loss-summary').textContent = !last
        ? (TERMINAL.has(job.status) ? 'No loss was recorded: the job ended before its first epoch.' : 'No data yet.')
        : perEpoch
            ? `Mean training loss of each epoch (${curve.length} ${curve.length === 1 ? 'point' : 'points'}, `
              + `${number(last[1])} after epoch `
              + `${history[history.length - 1].epoch}); the loss of every iteration is drawn while a job is watched live.`
            : `${curve.length} points; loss ${number(last[1])} at iteration ${last[0]}.`;
    const accuracy = document.getElementById('accuracy-chart');
    accuracy.dataset.points = String(history.length);
    document.getElementById('accuracy-summary').textContent = history.length
        ? history.map(h => `epoch ${h.epoch}: train ${percent(h.trainAccuracy, 2)}, test ${percent(h.testAccuracy, 2)}`)
            .join('; ')
        : 'No epoch finished yet.';
  }
}

/** Mini-batch iterations per epoch: from the configuration, else from the planned totals. */
function iterationsPerEpoch(job) {
  const config = job.config || {};
  if (config.trainSize > 0 && config.batchSize > 0) return Math.ceil(config.trainSize / config.batchSize);
  return job.iterations > 0 && job.epochs > 0 ? job.iterations / job.epochs : 0;
}

function emptyLossText(job) {
  if (!job.status || job.status === 'QUEUED' || job.status === 'RUNNING') return 'waiting for the first iterations…';
  return 'no loss recorded';
}

/** Enough of a generated id to tell jobs apart on screen; the whole id is in the title attribute. */
function shortId(id) {
  return String(id).length > 12 ? `${String(id).slice(0, 8)}…` : String(id);
}

function message(job) {
  switch (job.status) {
    case 'QUEUED': return 'Waiting for a free training worker.';
    case 'RUNNING': return 'Training…';
    case 'SUCCEEDED': return job.modelId ? `Finished: model ${job.modelId} stored.` : 'Finished.';
    case 'CANCELLED': return 'Cancelled.';
    default: return '';
  }
}
