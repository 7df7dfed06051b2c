// Small hand-drawn canvas charts: a line chart (several series, numeric x) and a bar chart. Each chart keeps its
// data and redraws itself when its canvas changes size, at the device's pixel ratio so lines stay sharp.

const FONT = '12px system-ui, sans-serif';

function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = name => css.getPropertyValue(name).trim();
  return {fg: v('--fg'), muted: v('--muted'), grid: v('--grid'), line: v('--line'), accent: v('--accent'),
    accent2: v('--accent-2'), ok: v('--ok')};
}

/** Sizes the backing store to the element's CSS size; returns a context in CSS pixels, or null when hidden. */
function prepare(canvas) {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (!width || !height) return null;
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  return {ctx, width, height};
}

/** Up to about `count` round tick values covering [min, max]. */
function niceStep(raw) {
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw * 0.999) || raw;
}

function ticks(min, max, count) {
  if (!(max > min)) return [min];
  const step = niceStep((max - min) / count);
  const result = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
    result.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  }
  return result;
}

function format(value, step) {
  if (Math.abs(value) >= 10000) return `${Math.round(value / 1000)}k`;
  // as many decimals as the step needs: 0.25 → 2, 0.5 → 1, 5 → 0
  let decimals = 0;
  while (decimals < 4 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9) decimals++;
  return value.toFixed(decimals);
}

const observed = new Set();
const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver(entries => entries.forEach(e => e.target.chart && e.target.chart.draw()))
    : null;

class Chart {
  constructor(canvas) {
    this.canvas = canvas;
    canvas.chart = this;
    if (resizeObserver && !observed.has(canvas)) {
      resizeObserver.observe(canvas);
      observed.add(canvas);
    }
  }
}

/**
 * Series are {name, color: a palette key ('accent', 'accent2', 'ok') or a CSS colour, points: [[x, y], ...]}. Options: xLabel, yMin, yMax
 * (fixed bounds; otherwise taken from the data), yCap (the highest automatic yMax), xMin/xMax likewise,
 * integerX (ticks on whole numbers only), dots (draw a marker on every point), emptyText.
 */
export class LineChart extends Chart {
  constructor(canvas, options = {}) {
    super(canvas);
    this.options = options;
    this.series = [];
  }

  setSeries(series) {
    this.series = series;
    this.draw();
  }

  pointCount() {
    return this.series.reduce((n, s) => n + s.points.length, 0);
  }

  draw() {
    const prepared = prepare(this.canvas);
    if (!prepared) return;
    const {ctx, width, height} = prepared;
    const colours = palette();
    const o = this.options;
    const all = this.series.flatMap(s => s.points);
    const pad = {left: 46, right: 12, top: 12, bottom: 34};
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;

    let xMin = o.xMin ?? Math.min(...all.map(p => p[0]));
    let xMax = o.xMax ?? Math.max(...all.map(p => p[0]));
    let yMin = o.yMin ?? Math.min(...all.map(p => p[1]));
    let yMax = o.yMax ?? Math.max(...all.map(p => p[1]));
    if (!all.length) {
      xMin = o.xMin ?? 0; xMax = o.xMax ?? 1; yMin = o.yMin ?? 0; yMax = o.yMax ?? 1;
    }
    if (xMax === xMin) { xMax = xMin + 1; }
    if (all.length && (o.yMin === undefined || o.yMax === undefined)) {
      // a margin around the data, rounded out to tick values, so that no point sits on the frame
      const spread = yMax - yMin || Math.abs(yMax) * 0.05 || 0.05;
      if (o.yMin === undefined) yMin -= spread * 0.08;
      if (o.yMax === undefined) yMax += spread * 0.08;
      const step = niceStep((yMax - yMin) / 4);
      if (o.yMin === undefined) yMin = Math.floor(yMin / step) * step;
      if (o.yMax === undefined) yMax = Math.ceil(yMax / step) * step;
      if (o.yMin === undefined && yMin < 0 && Math.min(...all.map(p => p[1])) >= 0) yMin = 0;
      if (o.yCap !== undefined) yMax = Math.min(yMax, o.yCap);
    }

    const x = v => pad.left + (v - xMin) / (xMax - xMin) * plotW;
    const y = v => pad.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;

    // grid and axes
    ctx.strokeStyle = colours.grid;
    ctx.fillStyle = colours.muted;
    ctx.lineWidth = 1;
    const yTicks = ticks(yMin, yMax, 4);
    const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of yTicks) {
      const py = Math.round(y(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(pad.left, py); ctx.lineTo(width - pad.right, py); ctx.stroke();
      ctx.fillText(format(t, yStep), pad.left - 6, py);
    }
    const xTicks = ticks(xMin, xMax, Math.max(2, Math.floor(plotW / 70)))
        .filter(t => !o.integerX || Number.isInteger(t));
    const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    // every text drawn under the plot, as {text, left, right} in CSS pixels: the tests check that none is cut off
    this.xTexts = [];
    const below = (text, centre, top) => {
      const w = ctx.measureText(text).width;
      // centred under its point, but moved inwards where it would leave the canvas (the last tick, "3000")
      const left = Math.max(0, Math.min(width - w, centre - w / 2));
      ctx.fillText(text, left, top);
      this.xTexts.push({text, left, right: left + w});
    };
    for (const t of xTicks) {
      const px = Math.round(x(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(px, pad.top); ctx.lineTo(px, pad.top + plotH); ctx.stroke();
      below(format(t, xStep), px, pad.top + plotH + 4);
    }
    ctx.strokeStyle = colours.line;
    ctx.strokeRect(pad.left + 0.5, pad.top + 0.5, plotW, plotH);
    if (o.xLabel) {
      below(o.xLabel, pad.left + plotW / 2, height - 16);
    }

    // series
    ctx.save();
    ctx.beginPath();
    ctx.rect(pad.left - 5, pad.top - 5, plotW + 10, plotH + 10);   // room for a dot on the frame
    ctx.clip();
    for (const s of this.series) {
      const colour = colours[s.color] || s.color;
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 2;
      ctx.lineJoin = 'round';
      ctx.beginPath();
      s.points.forEach(([px, py], i) => (i ? ctx.lineTo(x(px), y(py)) : ctx.moveTo(x(px), y(py))));
      ctx.stroke();
      if (o.dots || s.points.length === 1) {
        for (const [px, py] of s.points) {
          ctx.beginPath(); ctx.arc(x(px), y(py), 3.5, 0, 2 * Math.PI); ctx.fill();
        }
      }
    }
    ctx.restore();

    // legend, top right inside the plot
    if (this.series.length > 1) {
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      let lx = width - pad.right - 8;
      for (const s of [...this.series].reverse()) {
        const colour = colours[s.color] || s.color;
        ctx.fillStyle = colours.fg;
        ctx.fillText(s.name, lx, pad.top + 12);
        const w = ctx.measureText(s.name).width;
        ctx.fillStyle = colour;
        ctx.fillRect(lx - w - 16, pad.top + 10, 11, 4);
        lx -= w + 30;
      }
    }
    // the text shown in place of data, null when data is drawn
    this.shownEmptyText = all.length ? null : (o.emptyText || 'waiting for data…');
    if (this.shownEmptyText) {
      ctx.fillStyle = colours.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(this.shownEmptyText, pad.left + plotW / 2, pad.top + plotH / 2);
    }
  }
}

/**
 * Vertical bars for values in [0, 1] with one label each (its index where the label is wider than its bar's slot);
 * the highlighted bar is drawn in the accent colour.
 */
export class BarChart extends Chart {
  constructor(canvas) {
    super(canvas);
    this.labels = [];
    this.values = [];
    this.highlight = -1;
  }

  setData(labels, values, highlight) {
    this.labels = labels;
    this.values = values;
    this.highlight = highlight;
    this.draw();
  }

  draw() {
    const prepared = prepare(this.canvas);
    if (!prepared) return;
    const {ctx, width, height} = prepared;
    const colours = palette();
    const pad = {left: 42, right: 8, top: 18, bottom: 22};
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const n = Math.max(this.labels.length, 1);
    const slot = plotW / n;

    ctx.strokeStyle = colours.grid;
    ctx.fillStyle = colours.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      const py = Math.round(pad.top + (1 - t) * plotH) + 0.5;
      ctx.beginPath(); ctx.moveTo(pad.left, py); ctx.lineTo(width - pad.right, py); ctx.stroke();
      ctx.fillText(`${Math.round(t * 100)}%`, pad.left - 5, py);
    }
    ctx.textAlign = 'center';
    this.labels.forEach((label, i) => {
      const value = Math.max(0, Math.min(1, this.values[i] || 0));
      const bx = pad.left + i * slot + slot * 0.15;
      const bw = slot * 0.7;
      const bh = value * plotH;
      ctx.fillStyle = i === this.highlight ? colours.accent : colours.line;
      ctx.fillRect(bx, pad.top + plotH - bh, bw, Math.max(bh, value > 0 ? 1 : 0));
      ctx.fillStyle = i === this.highlight ? colours.fg : colours.muted;
      ctx.textBaseline = 'top';
      // a class name that does not fit under its bar is replaced by its label number
      const text = ctx.measureText(String(label)).width <= slot - 2 ? String(label) : String(i);
      ctx.fillText(text, bx + bw / 2, pad.top + plotH + 5);
      if (i === this.highlight) {
        ctx.textBaseline = 'bottom';
        ctx.fillText(`${(value * 100).toFixed(1)}%`, bx + bw / 2, pad.top + plotH - bh - 2);
      }
    });
  }
}
