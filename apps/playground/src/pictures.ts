// Canvas pictures of what the encoder did for the current input: per layer and head, the
// self-attention map (row = query token, column = token it attends to) and the span-based dynamic
// convolution kernel (row = token, its softmax weights laid on the k tokens of its window).
import { h } from './dom.js';

export interface PictureData {
  tokens: string[];
  /** Per layer `[1, heads, L, L]`. */
  attentions: { data: Float32Array; dims: readonly number[] }[];
  /** Per layer `[1, L, heads, k]`. */
  convKernels: { data: Float32Array; dims: readonly number[] }[];
}

const LABEL_W = 90;
const BLUE: [number, number, number] = [33, 82, 201];
const ORANGE: [number, number, number] = [214, 96, 0];

function cellSize(n: number): number {
  return Math.max(6, Math.min(22, Math.floor(420 / Math.max(1, n))));
}

/** 0..1 → white to a saturated colour (blue for attention, orange for kernels). */
function shade(v: number, rgb: [number, number, number]): string {
  const t = Math.max(0, Math.min(1, v));
  const c = rgb.map((x) => Math.round(255 - (255 - x) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function drawMatrix(
  canvas: HTMLCanvasElement,
  tokens: string[],
  value: (i: number, j: number) => number | null,
  rgb: [number, number, number],
): void {
  const n = tokens.length;
  const cell = cellSize(n);
  const size = LABEL_W + n * cell;
  canvas.width = size;
  canvas.height = size;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  g.font = `${Math.min(12, cell)}px sans-serif`;
  g.fillStyle = '#333';
  g.textBaseline = 'middle';
  tokens.forEach((t, i) => {
    g.textAlign = 'right';
    g.fillText(t.slice(0, 12), LABEL_W - 4, LABEL_W + i * cell + cell / 2);
    g.save();
    g.translate(LABEL_W + i * cell + cell / 2, LABEL_W - 4);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'left';
    g.fillText(t.slice(0, 12), 0, 0);
    g.restore();
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = value(i, j);
      if (v === null) continue;
      g.fillStyle = shade(v, rgb);
      g.fillRect(LABEL_W + j * cell, LABEL_W + i * cell, cell, cell);
    }
  }
  g.strokeStyle = '#bbb';
  g.strokeRect(LABEL_W - 0.5, LABEL_W - 0.5, n * cell + 1, n * cell + 1);
}

/** Row i, column j of an attention map (layer, head), divided by the row's maximum so weak rows stay visible. */
function attentionValue(data: PictureData, layer: number, head: number): (i: number, j: number) => number {
  const t = data.attentions[layer] as { data: Float32Array; dims: readonly number[] };
  const n = t.dims[2] as number;
  const base = head * n * n;
  const rowMax = Array.from({ length: n }, (_, i) => Math.max(...t.data.subarray(base + i * n, base + (i + 1) * n)));
  return (i, j) => (t.data[base + i * n + j] as number) / ((rowMax[i] as number) || 1);
}

/** Token i's kernel weight on token j (null outside its window), divided by the kernel's maximum. */
function kernelValue(data: PictureData, layer: number, head: number): (i: number, j: number) => number | null {
  const t = data.convKernels[layer] as { data: Float32Array; dims: readonly number[] };
  const [, , heads, k] = t.dims as [number, number, number, number];
  const half = (k - 1) / 2;
  return (i, j) => {
    const tap = j - i + half;
    if (tap < 0 || tap >= k) return null;
    const at = (i * heads + head) * k;
    return (t.data[at + tap] as number) / (Math.max(...t.data.subarray(at, at + k)) || 1);
  };
}

export function drawAttention(canvas: HTMLCanvasElement, data: PictureData, layer: number, head: number): void {
  if (!data.attentions[layer]) return;
  drawMatrix(canvas, data.tokens, attentionValue(data, layer, head), BLUE);
}

/** The kernels of one layer/head: token i's k softmax weights laid on tokens i−(k−1)/2 … i+(k−1)/2. */
export function drawKernels(canvas: HTMLCanvasElement, data: PictureData, layer: number, head: number): void {
  if (!data.convKernels[layer]) return;
  drawMatrix(canvas, data.tokens, kernelValue(data, layer, head), ORANGE);
}

/** All layers (rows) × heads: attention tiles, then kernel tiles. Clicking a tile selects it. */
function drawOverview(canvas: HTMLCanvasElement, data: PictureData, onPick: (layer: number, head: number) => void): void {
  const layers = data.attentions.length;
  const heads = (data.attentions[0]?.dims[1] as number) ?? 0;
  const n = data.tokens.length;
  const px = Math.max(1, Math.min(10, Math.floor(96 / Math.max(1, n))));
  const tile = n * px;
  const gap = 6;
  canvas.width = 2 * heads * (tile + gap) + gap;
  canvas.height = layers * (tile + gap) + gap;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  for (let l = 0; l < layers; l++) {
    for (let hd = 0; hd < 2 * heads; hd++) {
      const conv = hd >= heads;
      const value = conv ? kernelValue(data, l, hd - heads) : attentionValue(data, l, hd);
      const x0 = gap + hd * (tile + gap);
      const y0 = gap + l * (tile + gap);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = value(i, j);
          if (v === null) continue;
          g.fillStyle = shade(v, conv ? ORANGE : BLUE);
          g.fillRect(x0 + j * px, y0 + i * px, px, px);
        }
      }
      g.strokeStyle = '#ccc';
      g.strokeRect(x0 - 0.5, y0 - 0.5, tile + 1, tile + 1);
    }
  }
  canvas.onclick = (e) => {
    const r = canvas.getBoundingClientRect();
    const col = Math.floor((e.clientX - r.left - gap / 2) / (tile + gap));
    const row = Math.floor((e.clientY - r.top - gap / 2) / (tile + gap));
    if (row >= 0 && row < layers && col >= 0 && col < 2 * heads) onPick(row, col % heads);
  };
}

/** The pictures panel: layer / head selectors and the two canvases. */
export function picturesPanel(data: PictureData): HTMLElement {
  const layers = data.attentions.length;
  const heads = (data.attentions[0]?.dims[1] as number) ?? 0;
  const att = h('canvas', { id: 'attention-canvas', 'aria-label': 'attention map' });
  const conv = h('canvas', { id: 'kernel-canvas', 'aria-label': 'dynamic convolution kernels' });
  const layerSel = h(
    'select',
    { id: 'picture-layer' },
    ...Array.from({ length: layers }, (_, i) => h('option', { value: i }, `layer ${i}`)),
  );
  const headSel = h('select', { id: 'picture-head' }, ...Array.from({ length: heads }, (_, i) => h('option', { value: i }, `head ${i}`)));
  const draw = () => {
    const l = Number(layerSel.value);
    const hd = Number(headSel.value);
    drawAttention(att, data, l, hd);
    drawKernels(conv, data, l, hd);
  };
  const overview = h('canvas', { id: 'overview-canvas', 'aria-label': 'all layers and heads' });
  drawOverview(overview, data, (l, hd) => {
    layerSel.value = String(l);
    headSel.value = String(hd);
    draw();
  });
  layerSel.addEventListener('change', draw);
  headSel.addEventListener('change', draw);
  const k = data.convKernels[0]?.dims[3] ?? 0;
  const panel = h(
    'section',
    { class: 'pictures', id: 'pictures' },
    h('h3', {}, 'What the model looked at'),
    h(
      'figure',
      {},
      overview,
      h(
        'figcaption',
        {},
        `Every layer (rows) and head: ${heads} self-attention maps (blue), then ${heads} dynamic-convolution kernel maps (orange). Click one to enlarge it.`,
      ),
    ),
    h('div', { class: 'row' }, layerSel, ' ', headSel),
    h(
      'div',
      { class: 'canvases' },
      h(
        'figure',
        {},
        att,
        h('figcaption', {}, 'Self-attention: each row is a token; colour = its attention to each token (relative to the row maximum).'),
      ),
      h(
        'figure',
        {},
        conv,
        h(
          'figcaption',
          {},
          `Span-based dynamic convolution: each row is a token's kernel, a softmax over its ${k}-token window (relative to its maximum).`,
        ),
      ),
    ),
  );
  draw();
  return panel;
}
