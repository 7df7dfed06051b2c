// The upload form: POST /datasets with a progress bar that follows the bytes sent, then the dataset's state until it
// is ready (a large upload answers 202 and is processed in the background), or the problem detail of a bad file.

import {api} from './api.js';
import {catalog} from './datasets.js';
import {percent, showError} from './ui.js';

const POLL_MS = 1000;

export function setUpUpload(onReady) {
  const form = document.getElementById('upload-form');
  const submit = document.getElementById('upload-submit');
  const status = document.getElementById('upload-status');
  const error = document.getElementById('upload-error');
  const progress = document.getElementById('upload-progress');
  const progressText = document.getElementById('upload-progress-text');
  const showProgress = share => {
    progress.value = share;
    progressText.textContent = percent(share, 0);
  };

  form.addEventListener('submit', async event => {
    event.preventDefault();
    showError(error, null);
    const file = form.elements.namedItem('file').files[0];
    if (!file) {
      showError(error, 'Choose a file first.');
      return;
    }
    submit.disabled = true;
    showProgress(0);
    status.textContent = `Uploading ${file.name}…`;
    try {
      const {status: code, dataset} = await api.uploadDataset(formDataOf(form, file), (loaded, total) => {
        showProgress(total ? loaded / total : 0);
        progress.dataset.loaded = String(loaded);
        if (loaded >= total) status.textContent = `${file.name} sent; the service reads it…`;
      });
      showProgress(1);
      const final = code === 202 ? await awaitProcessing(dataset.name, status) : dataset;
      await catalog.refresh();
      if (final.status === 'failed') {
        status.textContent = '';
        showError(error, `${final.name} could not be read: ${final.reason || 'no reason given'}`);
        return;
      }
      status.textContent = `${final.name} is ready: ${final.classNames.length} classes, `
          + `${final.trainSize} training and ${final.testSize} test images.`;
      form.reset();
      onReady(final);
    } catch (e) {
      status.textContent = '';
      showError(error, e.message);
    } finally {
      submit.disabled = false;
    }
  });
}

/** The multipart body: the file, and a metadata part only when a name or class names are given. */
function formDataOf(form, file) {
  const body = new FormData();
  body.append('file', file, file.name);
  const name = form.elements.namedItem('name').value.trim();
  const classNames = form.elements.namedItem('classNames').value.split(',').map(v => v.trim()).filter(Boolean);
  if (name || classNames.length) {
    const metadata = {...(name ? {name} : {}), ...(classNames.length ? {classNames} : {})};
    body.append('metadata', new Blob([JSON.stringify(metadata)], {type: 'application/json'}));
  }
  return body;
}

/** Polls GET /datasets/{name} while the service processes an upload (202); resolves to the settled description. */
async function awaitProcessing(name, status) {
  for (;;) {
    status.textContent = `${name} uploaded: provisioning (the service reads and checks it)…`;
    status.dataset.state = 'provisioning';
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
    const dataset = await api.dataset(name);
    if (dataset.status !== 'provisioning') {
      delete status.dataset.state;
      return dataset;
    }
  }
}
