// Try: a drawing pad (mouse, pen and touch through pointer events) whose drawing goes to /predict as MNIST-style
// pixels, and an image drop zone that goes to /predict/image.

import {api} from './api.js';
import {BarChart} from './charts.js';
import {intensities, paintPixels, toMnist} from './mnist.js';
import {classNames} from './models.js';
import {percent, showError} from './ui.js';

const PEN_WIDTH = 20;   // in pad pixels: about 2 of the 28×28 pixels after down-sampling, as MNIST strokes are

export class Try {
  constructor() {
    this.pad = document.getElementById('pad');
    this.ctx = this.pad.getContext('2d', {willReadFrequently: true});
    this.chart = new BarChart(document.getElementById('probabilities-chart'));
    this.datasets = new Map();   // model id -> dataset, to name Fashion-MNIST's classes
    this.classNames = new Map(); // model id -> the class names the model records
    this.request = 0;            // answers to older requests than the latest are dropped
    this.last = null;            // the last point of the stroke being drawn
    this.clear();
    this.setUpPad();
    this.setUpDrop();
    document.getElementById('pad-clear').addEventListener('click', () => this.clear());
    document.getElementById('pad-predict').addEventListener('click', () => this.predictDrawing());
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
    document.getElementById('prediction-empty').hidden = false;
    document.getElementById('prediction-result').hidden = true;
    document.getElementById('probabilities-summary').textContent = 'No prediction yet.';
    showError(document.getElementById('try-error'), null);
    this.chart.setData([], [], -1);
  }

  /** The drawing as 784 MNIST-style values, or null when the pad is blank. */
  pixels() {
    const {width, height} = this.pad;
    const image = this.ctx.getImageData(0, 0, width, height);
    return toMnist(intensities(image.data, width, height), width, height);
  }

  async predictDrawing() {
    const pixels = this.pixels();
    if (!pixels) {
      showError(document.getElementById('try-error'), 'Draw a digit first.');
      return;
    }
    paintPixels(document.getElementById('seen'), pixels);
    const values = Array.from(pixels, v => Math.round(v * 10000) / 10000);
    await this.show(() => api.predict(values, this.model()));
  }

  async predictFile(file) {
    if (!file) return;
    if (!/^image\/(png|jpeg)$/.test(file.type)) {
      showError(document.getElementById('try-error'), `${file.name} is not a PNG or JPEG image.`);
      return;
    }
    await this.show(() => api.predictImage(file, this.model()), true);
  }

  async show(call, showSeen) {
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
    const names = this.classNames.get(answer.model) || classNames(answer.dataset || this.datasets.get(answer.model));
    const probabilities = answer.probabilities || [];
    const label = answer.label;
    document.getElementById('prediction-empty').hidden = true;
    document.getElementById('prediction-result').hidden = false;
    document.getElementById('prediction-digit').textContent = answer.className ?? names[label] ?? String(label);
    document.getElementById('prediction-confidence').textContent = `${percent(probabilities[label], 1)} sure`;
    document.getElementById('prediction-model').textContent = answer.model
        ? `model ${answer.model}${answer.dataset ? ` (${answer.dataset})` : ''}` : '';
    this.chart.setData(names.map((n, i) => (n.length > 3 ? String(i) : n)), probabilities, label);
    const top = probabilities.map((p, i) => [p, i]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    document.getElementById('probabilities-summary').textContent = top
        .map(([p, i]) => `${names[i]}: ${percent(p, 1)}`).join(', ');
  }

  model() {
    return document.getElementById('try-model').value || null;
  }

  /** Offers the stored models in the model choice, keeping the current choice when it still exists. */
  setModels(models) {
    const select = document.getElementById('try-model');
    const chosen = select.value;
    for (const option of [...select.options]) {
      if (option.dataset.model) option.remove();
    }
    for (const model of models) {
      this.datasets.set(model.id, model.dataset);
      if (Array.isArray(model.classNames)) this.classNames.set(model.id, model.classNames);
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
