// The page's entry point: wires the four sections together.

import {Jobs} from './jobs.js';
import {Models} from './models.js';
import {setUpTrainForm} from './train.js';
import {Try} from './try.js';

const tryIt = new Try();
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

// lets the browser tests wait until the page is wired
document.documentElement.dataset.ready = 'true';
