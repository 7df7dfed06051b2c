// The 28×28 images the network sees. The page does no preprocessing of its own: drawings and image files go to
// /predict/image, whose answer carries the 784 values the service made of them (MnistPreprocessor), and dataset
// images come as those values already.

export const SIZE = 28;

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
