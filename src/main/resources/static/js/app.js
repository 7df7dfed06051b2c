// The page's entry point: wires the sections together.

import {apiKey} from './api.js';
import {catalog} from './datasets.js';
import {Gallery} from './gallery.js';
import {Jobs} from './jobs.js';
import {Models} from './models.js';
import {Sweeps} from './sweeps.js';
import {setUpTrainForm} from './train.js';
import {Try} from './try.js';
import {setUpUpload} from './upload.js';

const tryIt = new Try();
const gallery = new Gallery({onPick: sample => tryIt.predictSample(sample)});
setUpUpload(dataset => gallery.show(dataset.name));
document.getElementById('datasets-refresh').addEventListener('click', () => catalog.refresh());
const models = new Models({onModelsChanged: list => tryIt.setModels(list)});
const jobs = new Jobs({onModelStored: () => models.refresh()});

setUpTrainForm(job => {
  jobs.refresh();
  jobs.select(job.id, job);
  document.getElementById('watch').scrollIntoView({block: 'start'});
});

jobs.refresh().then(() => {
  // follow the newest unfinished job, if any, so that a reload keeps watching
  const running = jobs.jobs.find(job => job.status === 'RUNNING' || job.status === 'QUEUED');
  if (running) jobs.select(running.id, running);
});
models.refresh();
catalog.refresh();
const sweeps = new Sweeps({onModelsChanged: () => models.refresh()});
sweeps.refresh();

setUpApiKey();

/** The API key box: opens by itself when the service turns a change down for want of a key. */
function setUpApiKey() {
  const box = document.getElementById('api-key-box');
  const input = document.getElementById('api-key');
  const state = document.getElementById('api-key-state');
  const show = () => { state.textContent = apiKey.get() ? '(set)' : '(none)'; };
  document.getElementById('api-key-form').addEventListener('submit', event => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    input.value = '';
    box.open = false;
    show();
  });
  document.getElementById('api-key-forget').addEventListener('click', () => {
    apiKey.set(null);
    input.value = '';
    show();
  });
  document.addEventListener('digitnet:unauthorized', () => {
    box.open = true;
    input.focus();
  });
  show();
}

// lets the browser tests wait until the page is wired
document.documentElement.dataset.ready = 'true';
