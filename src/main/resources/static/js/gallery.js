// The gallery: a few test images of each class of the dataset picked, under their class names. Choosing an image
// hands it to onPick, which has a model predict it.

import {api} from './api.js';
import {catalog} from './datasets.js';
import {el} from './ui.js';

const PER_CLASS = 4;

export class Gallery {
  constructor({onPick}) {
    this.onPick = onPick;
    this.select = document.getElementById('gallery-dataset');
    this.box = document.getElementById('gallery');
    this.summary = document.getElementById('gallery-summary');
    this.shown = null;   // the dataset whose samples are on screen
    this.select.addEventListener('change', () => this.show(this.select.value));
    catalog.onChange(() => {
      if (this.select.value && this.select.value !== this.shown) this.show(this.select.value);
    });
  }

  /** Shows a dataset's samples (and picks it in the gallery's picker). */
  async show(name) {
    if (!name) return;
    if (this.select.value !== name) this.select.value = name;
    this.shown = name;
    this.summary.textContent = `Loading samples of ${name}…`;
    let samples;
    try {
      samples = await api.datasetSamples(name, PER_CLASS);
    } catch (e) {
      if (this.shown === name) this.summary.textContent = `No samples: ${e.message}`;
      return;
    }
    if (this.shown !== name) return;   // another dataset was picked meanwhile
    const dataset = catalog.find(name);
    this.summary.textContent = dataset && dataset.trainSize !== undefined
        ? `${name}: ${samples.length} classes, ${dataset.trainSize} training and ${dataset.testSize} test images.`
        : `${name}: ${samples.length} classes.`;
    this.box.dataset.dataset = name;
    this.box.replaceChildren(...samples.map(group => this.classGroup(name, group)));
  }

  classGroup(name, {label, className, indices}) {
    return el('figure', {className: 'gallery-class', 'data-label': label},
        el('figcaption', {}, className),
        el('div', {className: 'samples'}, indices.map(index => el('button', {
          type: 'button', className: 'sample', 'data-index': index,
          'aria-label': `Predict test image ${index} (${className})`,
          onclick: () => this.onPick({dataset: name, index, className}),
        }, el('img', {src: api.datasetImageUrl(name, 'test', index), width: 28, height: 28, alt: ''})))));
  }
}
