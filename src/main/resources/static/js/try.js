// Try: a drawing pad (mouse, pen and touch through pointer events) and an image drop zone, both sent as PNG or JPEG
// to /predict/image, so that the service's preprocessing is the only one; and the gallery's samples, sent to /predict
// as the 784 values they are. Answers are shown with their class names and the model's dataset.

import {api} from './api.js';
import {BarChart} from './charts.js';
import {namesFor} from './datasets.js';
import {paintPixels} from './mnist.js';
import {percent, showError} from './ui.js';

const PEN_WIDTH = 20;   // in pad pixels: about 2 of the 28×28 pixels after down-sampling, as MNIST strokes are

export class Try {
  constructor() {
    this.pad = document.getElementById('pad');
    this.ctx = this.pad.getContext('2d', {willReadFrequently: true});
    this.chart = new BarChart(document.getElementById('probabilities-chart'));
    this.models = [];            // the stored models, as GET /models lists them
    this.classNames = new Map(); // model id -> the class names the model records
    this.request = 0;            // answers to older requests than the latest are dropped
    this.last = null;            // the last point of the stroke being drawn
    this.clear();
    this.setUpPad();
    this.setUpDrop();
    document.getElementById('pad-clear').addEventListener('click', () => this.clear());
    document.getElementById('pad-predict').addEventListener('click', () => this.predictDrawing());
    document.getElementById('try-dataset').addEventListener('change', () => this.renderModelChoices());
  }

  setUpPad() {
    const pad = this.pad;
    pad.addEventListener('pointerdown', event => {
      if (event.button !== 0) return;
      event.preventDefault();
      try {
        pad.setPointerCapture(event.pointerId);   // keeps the stroke when the pointer leaves the pad
      } catch (e) {
        // a pointer the browser no longer tracks: draw without capture
      }
      this.last = this.toPad(event);
      this.dot(this.last);
    });
    pad.addEventListener('pointermove', event => {
      if (!this.last) return;
      event.preventDefault();
      const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
      for (const e of (events.length ? events : [event])) {
        const point = this.toPad(e);
        this.line(this.last, point);
        this.last = point;
      }
    });
    const end = event => {
      if (!this.last) return;
      this.last = null;
      if (pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
      this.predictDrawing();
    };
    pad.addEventListener('pointerup', end);
    pad.addEventListener('pointercancel', end);
  }

  /** Pad coordinates of a pointer event: the canvas may be shown smaller than its 280×280 pixels. */
  toPad(event) {
    const rect = this.pad.getBoundingClientRect();
    return [(event.clientX - rect.left) * this.pad.width / rect.width,
      (event.clientY - rect.top) * this.pad.height / rect.height];
  }

  dot([x, y]) {
    this.drawn = true;
    this.ctx.fillStyle = '#fff';
    this.ctx.beginPath();
    this.ctx.arc(x, y, PEN_WIDTH / 2, 0, 2 * Math.PI);
    this.ctx.fill();
  }

  line([x0, y0], [x1, y1]) {
    const ctx = this.ctx;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }

  clear() {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.pad.width, this.pad.height);
    this.request++;
    paintPixels(document.getElementById('seen'), []);
    this.drawn = false;
    document.getElementById('prediction-empty').hidden = false;
    document.getElementById('prediction-result').hidden = true;
    document.getElementById('probabilities-summary').textContent = 'No prediction yet.';
    showError(document.getElementById('try-error'), null);
    this.chart.setData([], [], -1);
  }

  /** The drawing as a PNG, light ink on black; /predict/image turns it into the network's 28×28 input. */
  picture() {
    return new Promise(resolve => this.pad.toBlob(resolve, 'image/png'));
  }

  async predictDrawing() {
    if (!this.drawn) {
      showError(document.getElementById('try-error'), 'Draw something first.');
      return;
    }
    const request = ++this.request;
    const picture = await this.picture();
    if (request !== this.request) return;
    await this.show(() => api.predictImage(new File([picture], 'drawing.png', {type: 'image/png'}), this.model(),
        this.dataset()), true);
  }

  /** A gallery sample: its 784 values go to /predict unchanged, with its dataset; the answer shows its true class. */
  async predictSample({dataset, index, className}) {
    const select = document.getElementById('try-dataset');
    if (select.value !== dataset) {
      select.value = dataset;
      this.renderModelChoices();
    }
    const request = ++this.request;
    let image;
    try {
      image = await api.datasetImage(dataset, 'test', index);
    } catch (e) {
      if (request === this.request) showError(document.getElementById('try-error'), `No image: ${e.message}`);
      return;
    }
    if (request !== this.request) return;
    paintPixels(document.getElementById('seen'), image.pixels);
    await this.show(() => api.predict(image.pixels, this.model(), dataset), false, className);
    document.getElementById('try').scrollIntoView({block: 'nearest'});
  }

  async predictFile(file) {
    if (!file) return;
    if (!/^image\/(png|jpeg)$/.test(file.type)) {
      showError(document.getElementById('try-error'), `${file.name} is not a PNG or JPEG image.`);
      return;
    }
    await this.show(() => api.predictImage(file, this.model(), this.dataset()), true);
  }

  /** Runs a prediction call and shows its answer; truth is the true class name when it is known. */
  async show(call, showSeen, truth) {
    const request = ++this.request;
    const error = document.getElementById('try-error');
    let answer;
    try {
      answer = await call();
    } catch (e) {
      if (request === this.request) showError(error, `No prediction: ${e.message}`);
      return;
    }
    if (request !== this.request) return;
    showError(error, null);
    if (showSeen && Array.isArray(answer.pixels)) paintPixels(document.getElementById('seen'), answer.pixels);
    const probabilities = answer.probabilities || [];
    const names = this.classNames.get(answer.model) || namesFor(answer.dataset, probabilities.length);
    const label = answer.label;
    const predicted = answer.className ?? names[label] ?? String(label);
    document.getElementById('prediction-empty').hidden = true;
    document.getElementById('prediction-result').hidden = false;
    document.getElementById('prediction-digit').textContent = predicted;
    document.getElementById('prediction-confidence').textContent = `${percent(probabilities[label], 1)} sure`;
    const truthSlot = document.getElementById('prediction-truth');
    truthSlot.hidden = truth === undefined;
    truthSlot.textContent = truth === undefined ? '' : `true class: ${truth} ${truth === predicted ? '✓' : '✗'}`;
    truthSlot.className = `small-text ${truth === predicted ? 'right' : 'wrong'}`;
    document.getElementById('prediction-model').textContent = answer.model
        ? `by model ${answer.model}${answer.dataset ? `, trained on ${answer.dataset}` : ''}` : '';
    this.chart.setData(names, probabilities, label);
    const top = probabilities.map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    document.getElementById('probabilities-summary').textContent = top
        .map(([p, i]) => `${names[i]}: ${percent(p, 1)}`).join(', ');
  }

  model() {
    return document.getElementById('try-model').value || null;
  }

  /** The dataset chosen, or null for "the model's own". */
  dataset() {
    return document.getElementById('try-dataset').value || null;
  }

  /** Keeps the stored models, for the model choice. */
  setModels(models) {
    this.models = models;
    for (const model of models) {
      if (Array.isArray(model.classNames)) this.classNames.set(model.id, model.classNames);
    }
    this.renderModelChoices();
  }

  /**
   * Offers the models of the dataset chosen (every model when none is), keeping the current choice when it is still
   * offered. The default is what the API picks: the newest model of the dataset chosen, else of MNIST.
   */
  renderModelChoices() {
    const select = document.getElementById('try-model');
    const chosen = select.value;
    const dataset = this.dataset();
    // naming neither a model nor a dataset gets the newest MNIST model (README, "Which model answers")
    select.options[0].textContent = `newest model of ${dataset || 'mnist'} (default)`;
    for (const option of [...select.options]) {
      if (option.dataset.model) option.remove();
    }
    for (const model of this.models) {
      if (dataset && model.dataset !== dataset) continue;
      const option = new Option(`${model.name || model.id} (${model.dataset || '?'})`, model.id);
      option.dataset.model = 'true';
      select.add(option);
    }
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : '';
  }

  setUpDrop() {
    const zone = document.getElementById('drop-zone');
    const input = document.getElementById('image-file');
    zone.addEventListener('dragenter', event => { event.preventDefault(); zone.classList.add('dragging'); });
    zone.addEventListener('dragover', event => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; });
    zone.addEventListener('dragleave', event => {
      if (!zone.contains(event.relatedTarget)) zone.classList.remove('dragging');
    });
    zone.addEventListener('drop', event => {
      event.preventDefault();
      zone.classList.remove('dragging');
      this.predictFile(event.dataTransfer.files[0]);
    });
    input.addEventListener('change', async () => {
      await this.predictFile(input.files[0]);
      input.value = '';   // so that choosing the same file again is a change too
    });
    // a file dropped next to the zone must not replace the page
    window.addEventListener('dragover', event => {
      event.preventDefault();
      if (!zone.contains(event.target)) event.dataTransfer.dropEffect = 'none';
    });
    window.addEventListener('drop', event => event.preventDefault());
  }
}
