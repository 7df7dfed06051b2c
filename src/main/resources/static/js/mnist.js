// Turns a drawing into the 28×28 input the network was trained on, the way MNIST was made: the ink's bounding box
// is scaled (keeping its aspect ratio, anti-aliased by area averaging) to fit a 20×20 box, which is then placed in a
// 28×28 field so that its centre of mass sits at the centre. Values are in [0, 1]: light ink on a dark background.

export const SIZE = 28;
export const BOX = 20;
const INK = 0.1;   // intensity above which a pixel counts for the bounding box

/** Intensities in [0, 1] (row-major, length width * height) of RGBA pixels: luminance times alpha. */
export function intensities(rgba, width, height) {
  const gray = new Float32Array(width * height);   // [height][width]
  for (let i = 0; i < gray.length; i++) {
    const r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
    gray[i] = ((0.299 * r + 0.587 * g + 0.114 * b) / 255) * (a / 255);
  }
  return gray;
}

/** The smallest box [x0, y0, x1, y1) holding every pixel above the ink threshold, or null for a blank image. */
export function inkBounds(gray, width, height) {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (gray[y * width + x] > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : [x0, y0, x1 + 1, y1 + 1];
}

/**
 * Resamples a row-major image from (w, h) to (tw, th) by area averaging: each target pixel is the mean of the
 * source area it covers, fractional pixels weighted by their coverage. Done separably, rows then columns.
 */
export function resampleArea(src, w, h, tw, th) {
  const rows = new Float32Array(tw * h);   // [h][tw]
  for (let y = 0; y < h; y++) {
    resample1d(i => src[y * w + i], w, tw, (i, v) => { rows[y * tw + i] = v; });
  }
  const out = new Float32Array(tw * th);   // [th][tw]
  for (let x = 0; x < tw; x++) {
    resample1d(i => rows[i * tw + x], h, th, (i, v) => { out[i * tw + x] = v; });
  }
  return out;
}

function resample1d(get, n, m, set) {
  const scale = n / m;
  for (let j = 0; j < m; j++) {
    const start = j * scale;
    const end = start + scale;
    let sum = 0;
    for (let i = Math.floor(start); i < Math.min(n, Math.ceil(end)); i++) {
      const cover = Math.min(end, i + 1) - Math.max(start, i);
      sum += get(i) * cover;
    }
    set(j, sum / scale);
  }
}

/** Centre of mass [x, y] of a row-major image, in pixel-index coordinates; null when it holds no mass. */
export function centreOfMass(img, width, height) {
  let total = 0, sx = 0, sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x];
      total += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return total > 0 ? [sx / total, sy / total] : null;
}

/**
 * The MNIST-style 28×28 image (row-major Float32Array of 784 values in [0, 1]) of a grayscale image whose ink is
 * light on dark, or null when nothing is drawn.
 */
export function toMnist(gray, width, height) {
  const bounds = inkBounds(gray, width, height);
  if (!bounds) return null;
  const [x0, y0, x1, y1] = bounds;
  const bw = x1 - x0, bh = y1 - y0;
  const crop = new Float32Array(bw * bh);   // [bh][bw]
  for (let y = 0; y < bh; y++) {
    crop.set(gray.subarray((y0 + y) * width + x0, (y0 + y) * width + x1), y * bw);
  }
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const box = resampleArea(crop, bw, bh, tw, th);   // [th][tw]

  // Centre the box by its mass: the shift that moves the centre of mass to the middle of the field (13.5, 13.5 in
  // pixel indices, as /predict/image does it), limited so that no ink leaves the field.
  const middle = (SIZE - 1) / 2;
  const [cx, cy] = centreOfMass(box, tw, th) || [tw / 2, th / 2];
  const left = clamp(Math.round(middle - cx), 0, SIZE - tw);
  const top = clamp(Math.round(middle - cy), 0, SIZE - th);
  const out = new Float32Array(SIZE * SIZE);   // [28][28]
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      out[(top + y) * SIZE + left + x] = Math.min(1, Math.max(0, box[y * tw + x]));
    }
  }
  return out;
}

function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}

/** Paints 784 values in [0, 1] on a 28×28 canvas, white on black. */
export function paintPixels(canvas, pixels) {
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(SIZE, SIZE);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, pixels[i] || 0)));
    image.data[4 * i] = v;
    image.data[4 * i + 1] = v;
    image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
