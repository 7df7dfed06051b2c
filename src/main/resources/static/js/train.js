// The train form: builds the body of POST /jobs from the filled-in fields and shows the API's validation errors
// next to the fields they name. The values it starts with are the API's defaults, so that submitting it untouched
// trains what POST /jobs with {} trains; the learning rate is left empty, as its default depends on the optimizer.

import {api} from './api.js';
import {showError} from './ui.js';

export function setUpTrainForm(onSubmitted) {
  const form = document.getElementById('train-form');
  const submit = document.getElementById('train-submit');
  const status = document.getElementById('train-status');
  const formError = document.getElementById('train-error');

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form, formError);
    submit.disabled = true;
    status.textContent = 'Submitting…';
    try {
      const job = await api.submitJob(configOf(form));
      status.textContent = `Job ${job.name || job.id} submitted.`;
      onSubmitted(job);
    } catch (e) {
      status.textContent = '';
      showFieldErrors(form, formError, e);
    } finally {
      submit.disabled = false;
    }
  });
  form.addEventListener('input', event => clearFieldError(event.target));
  const optimizer = document.getElementById('f-optimizer');
  const learningRate = document.getElementById('f-learningRate');
  const showDefaultRate = () => {
    learningRate.placeholder = `${DEFAULT_LEARNING_RATES[optimizer.value] ?? ''} (default)`;
  };
  optimizer.addEventListener('change', showDefaultRate);
  showDefaultRate();
}

/** The API's learning rate for each optimizer when none is given (JobConfigResolver.defaultLearningRate). */
export const DEFAULT_LEARNING_RATES = {sgd: 0.1, momentum: 0.01, adam: 0.001};

/** The JSON body: only filled-in fields, numbers as numbers; empty fields are left to the API's defaults. */
export function configOf(form) {
  const config = {};
  for (const element of form.elements) {
    if (!element.name || element.value.trim() === '') continue;
    const raw = element.value.trim();
    switch (element.dataset.type) {
      case 'int':
      case 'float': {
        const n = Number(raw);
        // an unparsable number goes as typed, so the API can say what is wrong with it
        config[element.name] = Number.isFinite(n) ? n : raw;
        break;
      }
      default:
        config[element.name] = raw;
    }
  }
  return config;
}

function showFieldErrors(form, formError, error) {
  const unplaced = [];
  for (const [field, message] of Object.entries(error.fieldErrors || {})) {
    const root = field.split(/[.[]/)[0];
    const input = form.elements.namedItem(root);
    const slot = document.getElementById(`err-${root}`);
    if (input && slot) {
      input.setAttribute('aria-invalid', 'true');
      slot.textContent = message;
      slot.hidden = false;
    } else {
      unplaced.push(`${field}: ${message}`);
    }
  }
  // the problem's detail always shows under the form too, so nothing the API said is lost
  showError(formError, error.message + (unplaced.length ? ` (${unplaced.join('; ')})` : ''));
  const firstInvalid = form.querySelector('[aria-invalid="true"]');
  if (firstInvalid) firstInvalid.focus();
}

function clearFieldError(input) {
  if (!input || !input.name) return;
  input.removeAttribute('aria-invalid');
  const slot = document.getElementById(`err-${input.name}`);
  if (slot) {
    slot.hidden = true;
    slot.textContent = '';
  }
}

function clearErrors(form, formError) {
  for (const element of form.elements) clearFieldError(element);
  showError(formError, null);
}
