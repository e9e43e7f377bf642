// What the encoder did for the current input, per layer and head: the self-attention map (row =
// query token, column = the token it attends to) and the span-based dynamic-convolution kernel
// (row = token, its softmax weights laid on the k tokens of its window).
import { fmt, h } from './dom.js';
import { BLUE, drawMap, drawOverview, hoverCells, ORANGE, overviewTile, type RGB, type TokenMap } from './heatmap.js';

export interface PictureData {
  tokens: string[];
  /** Per layer `[1, heads, L, L]`. */
  attentions: { data: Float32Array; dims: readonly number[] }[];
  /** Per layer `[1, L, heads, k]`. */
  convKernels: { data: Float32Array; dims: readonly number[] }[];
}

/** Attention of (layer, head), each row divided by its maximum so that weak rows stay visible. */
function attentionMap(data: PictureData, layer: number, head: number): TokenMap {
  const t = data.attentions[layer] as { data: Float32Array; dims: readonly number[] };
  const n = t.dims[2] as number;
  const base = head * n * n;
  const rowMax = Array.from({ length: n }, (_, i) => Math.max(...t.data.subarray(base + i * n, base + (i + 1) * n)));
  const raw = (i: number, j: number) => t.data[base + i * n + j] as number;
  return { n, raw, value: (i, j) => raw(i, j) / ((rowMax[i] as number) || 1) };
}

/** Token i's kernel weight on token j (null outside its window), divided by the kernel's maximum. */
function kernelMap(data: PictureData, layer: number, head: number): TokenMap {
  const t = data.convKernels[layer] as { data: Float32Array; dims: readonly number[] };
  const [, n, heads, k] = t.dims as [number, number, number, number];
  const half = (k - 1) / 2;
  const raw = (i: number, j: number) => {
    const tap = j - i + half;
    return tap < 0 || tap >= k ? null : (t.data[(i * heads + head) * k + tap] as number);
  };
  const max = (i: number) => Math.max(...t.data.subarray((i * heads + head) * k, (i * heads + head + 1) * k)) || 1;
  return {
    n,
    raw,
    value: (i, j) => {
      const r = raw(i, j);
      return r === null ? null : r / max(i);
    },
  };
}

function legend(rgb: RGB, what: string): HTMLElement {
  const [r, g, b] = rgb;
  return h(
    'div',
    { class: 'legend-scale' },
    h('span', { class: 'scale', style: `background:linear-gradient(to right,#fff,rgb(${r},${g},${b}))`, 'aria-hidden': 'true' }),
    h('span', {}, `0 → ${what}`),
  );
}

/** A large map in a scrollable box (keyboard-reachable), its legend and its hover read-out. */
function mapFigure(id: string, label: string, caption: string, rgb: RGB, scaleText: string) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': label });
  const readout = h('p', { class: 'readout', id: `${id}-readout` }, 'Point at a cell to see its two tokens.');
  const figure = h(
    'figure',
    {},
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': `${label} (scrollable)` }, canvas),
    h('figcaption', {}, caption),
    legend(rgb, scaleText),
    readout,
  );
  return { canvas, readout, figure };
}

/** The maps panel: the overview, layer and head pickers, and the two large maps. */
export function picturesPanel(data: PictureData): HTMLElement {
  const layers = data.attentions.length;
  const heads = (data.attentions[0]?.dims[1] as number) ?? 0;
  const k = data.convKernels[0]?.dims[3] ?? 0;
  const tok = (i: number) => `“${data.tokens[i] ?? ''}”`;
  const att = mapFigure(
    'attention-canvas',
    'self-attention map',
    'Self-attention: each row is a token; colour = its attention to each token (relative to the row maximum).',
    BLUE,
    'row maximum',
  );
  const conv = mapFigure(
    'kernel-canvas',
    'dynamic convolution kernels',
    `Span-based dynamic convolution: each row is a token's kernel, a softmax over its ${k}-token window (relative to its maximum).`,
    ORANGE,
    'kernel maximum',
  );
  const layerSel = h(
    'select',
    { id: 'picture-layer' },
    ...Array.from({ length: layers }, (_, i) => h('option', { value: i }, `layer ${i}`)),
  );
  const headSel = h('select', { id: 'picture-head' }, ...Array.from({ length: heads }, (_, i) => h('option', { value: i }, `head ${i}`)));
  const draw = () => {
    const l = Number(layerSel.value);
    const hd = Number(headSel.value);
    if (!data.attentions[l] || !data.convKernels[l]) return;
    const a = attentionMap(data, l, hd);
    hoverCells(att.canvas, drawMap(att.canvas, data.tokens, a, BLUE), att.readout, (i, j) => {
      const v = a.raw(i, j);
      return v === null ? undefined : `layer ${l} head ${hd}: ${tok(i)} attends to ${tok(j)} with ${fmt(v, 3)}`;
    });
    const c = kernelMap(data, l, hd);
    hoverCells(conv.canvas, drawMap(conv.canvas, data.tokens, c, ORANGE), conv.readout, (i, j) => {
      const v = c.raw(i, j);
      return v === null ? undefined : `layer ${l} head ${hd}: the kernel of ${tok(i)} weighs ${tok(j)} with ${fmt(v, 3)}`;
    });
  };
  const overview = h('canvas', { id: 'overview-canvas', role: 'img', 'aria-label': 'all layers and heads' });
  const overviewReadout = h('p', { class: 'readout' }, 'Click a tile to enlarge it below.');
  const o = drawOverview(overview, layers, heads, data.tokens.length, (l, col) =>
    col < heads ? attentionMap(data, l, col) : kernelMap(data, l, col - heads),
  );
  const tileName = ([l, col]: [number, number]) =>
    `layer ${l}, head ${col % heads}: ${col < heads ? 'self-attention' : 'dynamic convolution'}`;
  overview.onmousemove = (e) => {
    const t = overviewTile(overview, o, e);
    overviewReadout.textContent = t ? `${tileName(t)} (click to enlarge)` : 'Click a tile to enlarge it below.';
  };
  overview.onclick = (e) => {
    const t = overviewTile(overview, o, e);
    if (!t) return;
    layerSel.value = String(t[0]);
    headSel.value = String(t[1] % heads);
    draw();
  };
  layerSel.addEventListener('change', draw);
  headSel.addEventListener('change', draw);
  const panel = h(
    'section',
    { class: 'pictures', id: 'pictures', 'aria-labelledby': 'pictures-heading' },
    h('h3', { id: 'pictures-heading' }, 'What the model looked at'),
    h(
      'figure',
      {},
      overview,
      h(
        'figcaption',
        {},
        `Every layer (rows) and head: ${heads} self-attention maps (blue), then ${heads} dynamic-convolution kernel maps (orange).`,
      ),
      overviewReadout,
    ),
    h(
      'div',
      { class: 'row pickers' },
      h('label', { for: 'picture-layer' }, 'Layer '),
      layerSel,
      h('label', { for: 'picture-head' }, ' Head '),
      headSel,
    ),
    h('div', { class: 'canvases' }, att.figure, conv.figure),
  );
  draw();
  return panel;
}
