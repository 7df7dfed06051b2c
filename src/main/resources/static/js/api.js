// Calls to the digitnet REST API. Failures become ApiError, carrying the RFC 9457 problem detail when there is one.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem || {};
    this.fieldErrors = fieldErrorsOf(this.problem);
  }
}

function problemText(status, problem) {
  if (problem && (problem.detail || problem.title)) {
    return problem.detail || problem.title;
  }
  if (problem && problem.error) {        // the Open Inference Protocol's error shape
    return problem.error;
  }
  return status ? `The server answered ${status}.` : 'The server cannot be reached.';
}

/**
 * Per-field messages of a validation problem as {field: message}: a job request's problem lists "errors", each
 * {field, message}; a model import's problem names one "field" and says what is wrong in "detail".
 */
export function fieldErrorsOf(problem) {
  const result = {};
  if (!problem || typeof problem !== 'object') {
    return result;
  }
  const add = (field, message) => {
    if (field) result[field] = result[field] ? `${result[field]}; ${message}` : String(message);
  };
  if (Array.isArray(problem.errors)) {
    for (const error of problem.errors) {
      if (error && typeof error === 'object') add(error.field, error.message ?? problem.detail);
    }
  }
  if (typeof problem.field === 'string' && !(problem.field in result)) {
    add(problem.field, problem.detail ?? problem.title);
  }
  return result;
}

const KEY_STORAGE = 'digitnet.apiKey';

/** The API key that changes (POST, PUT, DELETE) carry when the service requires one; null when none is set. */
export const apiKey = {
  get: () => {
    try {
      return localStorage.getItem(KEY_STORAGE);
    } catch (e) {
      return null;   // storage may be disabled; then no key is remembered
    }
  },
  set: key => {
    try {
      if (key) localStorage.setItem(KEY_STORAGE, key);
      else localStorage.removeItem(KEY_STORAGE);
    } catch (e) {
      // see get
    }
  },
};

async function send(method, url, body, headers = {}, options = {}) {
  const key = method === 'GET' ? null : apiKey.get();
  let response;
  try {
    response = await fetch(url, {method, body, ...options, headers: {Accept: 'application/json', ...headers,
      ...(key ? {'X-API-Key': key} : {})}});
  } catch (e) {
    throw new ApiError(0, {title: 'Network error', detail: `The server cannot be reached (${e.message}).`});
  }
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text();
  let data = null;
  if (text && type.includes('json')) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status,
        data || {title: response.statusText, detail: text.slice(0, 300) || undefined});
    if (response.status === 401) {
      document.dispatchEvent(new CustomEvent('digitnet:unauthorized', {detail: error.message}));
    }
    throw error;
  }
  return data;
}

const json = body => JSON.stringify(body);
const JSON_HEADERS = {'Content-Type': 'application/json'};

export const api = {
  submitJob: config => send('POST', 'jobs', json(config), JSON_HEADERS),
  listJobs: () => send('GET', 'jobs?size=50').then(itemsOf),
  job: id => send('GET', `jobs/${encodeURIComponent(id)}`),
  cancelJob: id => send('DELETE', `jobs/${encodeURIComponent(id)}`),
  jobEventsUrl: id => `jobs/${encodeURIComponent(id)}/events`,
  startSweep: request => send('POST', 'sweeps', json(request), JSON_HEADERS),
  listSweeps: () => send('GET', 'sweeps?size=50'),
  sweep: id => send('GET', `sweeps/${encodeURIComponent(id)}`),
  cancelSweep: id => send('DELETE', `sweeps/${encodeURIComponent(id)}`),
  sweepEventsUrl: id => `sweeps/${encodeURIComponent(id)}/events`,
  listModels: () => send('GET', 'models').then(itemsOf),
  listDatasets: () => send('GET', 'datasets').then(itemsOf),
  dataset: name => send('GET', `datasets/${encodeURIComponent(name)}`),
  datasetSamples: (name, perClass) =>
    send('GET', `datasets/${encodeURIComponent(name)}/samples?perClass=${perClass}`),
  // The same URL answers PNG to the gallery's <img> (cached an hour, without Vary: Accept): a cached PNG must not
  // stand in for the JSON asked for here, so this request bypasses the cache.
  datasetImage: (name, split, index) =>
    send('GET', `datasets/${encodeURIComponent(name)}/images/${split}/${index}`, undefined, {}, {cache: 'no-store'}),
  /** The URL of one image as a 28×28 PNG (an <img> asks for images, so the service answers PNG). */
  datasetImageUrl: (name, split, index) => `datasets/${encodeURIComponent(name)}/images/${split}/${index}`,
  uploadDataset,
  setAlias: (id, alias) => send('PUT', `models/${encodeURIComponent(id)}/aliases/${encodeURIComponent(alias)}`),
  evaluation: id => send('GET', `models/${encodeURIComponent(id)}/evaluation`),
  /** One image (784 values in [0, 1]); model and dataset are optional, as in the API. */
  predict: (pixels, model, dataset) => send('POST', 'predict',
      json({pixels, ...(model ? {model} : {}), ...(dataset ? {dataset} : {})}), JSON_HEADERS),
  predictImage: (file, model, dataset) => {
    const form = new FormData();
    form.append('image', file, file.name || 'image.png');
    if (model) form.append('model', model);
    if (dataset) form.append('dataset', dataset);
    return send('POST', 'predict/image', form);
  },
};

/**
 * POST /datasets through XMLHttpRequest, whose upload events give a real progress bar (fetch has none for uploads).
 * onProgress(loaded, total) follows the bytes sent. Resolves to {status, dataset}: 201 when the dataset is stored,
 * 202 while the service still processes it; rejects with an ApiError carrying the problem detail.
 */
function uploadDataset(form, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', 'datasets');
    request.setRequestHeader('Accept', 'application/json');
    const key = apiKey.get();
    if (key) request.setRequestHeader('X-API-Key', key);
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      let data = null;
      try {
        data = request.responseText ? JSON.parse(request.responseText) : null;
      } catch (e) {
        data = null;
      }
      if (request.status === 201 || request.status === 202) {
        resolve({status: request.status, dataset: data});
        return;
      }
      const error = new ApiError(request.status,
          data || {title: request.statusText, detail: request.responseText.slice(0, 300) || undefined});
      if (request.status === 401) {
        document.dispatchEvent(new CustomEvent('digitnet:unauthorized', {detail: error.message}));
      }
      reject(error);
    });
    request.addEventListener('error', () => reject(new ApiError(0, {title: 'Network error',
      detail: 'The upload did not reach the server, or its answer did not come back.'})));
    request.send(form);
  });
}

/** GET /jobs answers a page ({content, page, size, ...}); GET /models a plain list. */
export function itemsOf(data) {
  if (Array.isArray(data)) return data;
  return data && Array.isArray(data.content) ? data.content : [];
}
