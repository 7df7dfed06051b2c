// Models: the stored models with their test accuracy and aliases, the production alias, and a model's confusion
// matrix as a heat map.

import {api} from './api.js';
import {namesFor} from './datasets.js';
import {dateTime, el, percent, showError} from './ui.js';

export class Models {
  constructor({onModelsChanged}) {
    this.onModelsChanged = onModelsChanged;
    this.models = [];
    this.evaluated = null;
    document.getElementById('models-refresh').addEventListener('click', () => this.refresh());
  }

  async refresh() {
    const error = document.getElementById('models-error');
    try {
      this.models = await api.listModels();
      showError(error, null);
    } catch (e) {
      showError(error, `Models cannot be listed: ${e.message}`);
      return;
    }
    this.render();
    this.onModelsChanged(this.models);
  }

  render() {
    const body = document.getElementById('models-body');
    document.getElementById('models-empty').hidden = this.models.length > 0;
    document.getElementById('models-table').hidden = this.models.length === 0;
    body.replaceChildren(...this.models.map(model => this.row(model)));
  }

  row(model) {
    const aliases = Array.isArray(model.aliases) ? model.aliases : [];
    const architecture = model.architecture || {};
    const label = model.name || model.id;
    const network = architecture.hiddenSize
        ? `${architecture.inputSize || 784}-${architecture.hiddenSize}-${architecture.outputSize || 10} `
          + `${architecture.activation || ''}`
        : '-';
    const isProduction = aliases.includes('production');
    const corrupt = model.status === 'corrupt';   // its files failed their checksum: never served
    return el('tr', {'data-model-id': model.id, className: this.evaluated === model.id ? 'selected' : null},
        el('td', {className: 'model-id'}, model.name ? el('strong', {}, model.name) : null, model.id,
            corrupt ? el('span', {className: 'badge FAILED', title: 'its files failed their checksum'}, 'corrupt')
                : null),
        el('td', {'data-label': 'Dataset'}, model.dataset || '-'),
        el('td', {'data-label': 'Network'}, network),
        el('td', {className: 'num test-accuracy', 'data-label': 'Test accuracy'}, percent(model.testAccuracy, 2)),
        el('td', {className: 'aliases', 'data-label': 'Aliases'},
            aliases.length ? aliases.map(a => el('span', {className: 'badge alias'}, a)) : '-'),
        el('td', {'data-label': 'Created'}, dateTime(model.createdAt)),
        el('td', {},
            el('div', {className: 'row-actions'},
                el('button', {type: 'button', className: 'small set-production', disabled: isProduction || corrupt,
                  'aria-label': `Make ${label} the production model`,
                  onclick: () => this.setProduction(model)}, isProduction ? 'In production' : 'Set production'),
                el('button', {type: 'button', className: 'small show-evaluation', disabled: corrupt,
                  'aria-label': `Show the confusion matrix of ${label}`,
                  onclick: () => this.showEvaluation(model)}, 'Confusion matrix'))));
  }

  async setProduction(model) {
    try {
      await api.setAlias(model.id, 'production');
      showError(document.getElementById('models-error'), null);
    } catch (e) {
      showError(document.getElementById('models-error'), `The production alias cannot be set: ${e.message}`);
    }
    this.refresh();
  }

  async showEvaluation(model) {
    const section = document.getElementById('evaluation');
    const summary = document.getElementById('evaluation-summary');
    this.evaluated = model.id;
    this.render();
    section.hidden = false;
    document.getElementById('evaluation-title').textContent = `Confusion matrix of ${model.name || model.id}`;
    summary.textContent = 'Evaluating on the test set…';
    document.getElementById('confusion').replaceChildren();
    let evaluation;
    try {
      evaluation = await api.evaluation(model.id);
    } catch (e) {
      summary.textContent = '';
      showError(document.getElementById('models-error'), `The evaluation cannot be read: ${e.message}`);
      return;
    }
    if (this.evaluated !== model.id) return;
    const matrix = evaluation.confusionMatrix || [];   // [actual][predicted]
    const names = Array.isArray(evaluation.classNames) ? evaluation.classNames
        : Array.isArray(model.classNames) ? model.classNames
            : namesFor(model.dataset || evaluation.dataset, matrix.length);
    summary.textContent = `Accuracy ${percent(evaluation.accuracy, 2)} on ${evaluation.samples} `
        + `test images of ${evaluation.dataset || model.dataset}. `
        + 'Rows are the true classes, columns the predicted ones; the diagonal holds the correct answers.';
    document.getElementById('confusion').replaceChildren(...heatMap(matrix, names, evaluation));
  }
}

/** The rows of a heat-map table: the colour of a cell is its share of the true class's images. */
function heatMap(matrix, names, evaluation) {
  // per-class figures come as classes: [{label, precision, recall, support}]
  const classes = Array.isArray(evaluation.classes) ? evaluation.classes : null;
  const precision = classes && classes.map(c => c.precision);
  const recall = classes && classes.map(c => c.recall);
  const head = el('thead', {}, el('tr', {},
      el('th', {scope: 'col'}, el('span', {className: 'axis'}, 'true ↓ predicted →')),
      names.map((name, j) => el('th', {scope: 'col', title: name}, short(name, j))),
      recall ? el('th', {scope: 'col'}, 'recall') : null));
  const rows = matrix.map((row, i) => {
    const rowTotal = row.reduce((a, b) => a + b, 0) || 1;
    return el('tr', {},
        el('th', {scope: 'row', title: names[i]}, short(names[i], i)),
        row.map((count, j) => {
          const share = count / rowTotal;
          const cell = el('td', {className: i === j ? 'diag' : null,
            title: `true ${names[i]}, predicted ${names[j]}: ${count}`}, String(count));
          cell.style.background = heatColour(share, i === j);
          cell.style.color = share > 0.45 ? '#fff' : '';
          return cell;
        }),
        recall ? el('td', {className: 'num'}, percent(recall[i], 1)) : null);
  });
  const foot = precision ? [el('tfoot', {}, el('tr', {}, el('th', {scope: 'row'}, 'precision'),
      names.map((_, j) => el('td', {className: 'num'}, percent(precision[j], 1)))))] : [];
  return [head, el('tbody', {}, rows), ...foot];
}

function short(name, index) {
  return name.length > 3 ? String(index) : name;
}

/** Blue for the diagonal, red off it; the share of the row sets the strength, with a square root so small
 * confusions remain visible. */
function heatColour(share, diagonal) {
  if (share <= 0) return 'transparent';
  const alpha = Math.min(1, 0.08 + 0.92 * Math.sqrt(share));
  return diagonal ? `rgba(37, 99, 235, ${alpha})` : `rgba(220, 38, 38, ${alpha})`;
}
