// Drawing token × token maps on canvas: one large map with its tokens as row and column labels
// and a hover that names the two tokens of a cell, and the overview of every layer and head.
// Cells are written as pixels (ImageData), not one fillRect each: 128 tokens × 32 tiles are half
// a million cells.

export type RGB = readonly [number, number, number];
export const BLUE: RGB = [33, 82, 201];
export const ORANGE: RGB = [196, 84, 0];

/** A token × token map: `value` 0..1 as drawn (null: no cell), `raw` the model's number. */
export interface TokenMap {
  n: number;
  value(i: number, j: number): number | null;
  raw(i: number, j: number): number | null;
}

/** 0..1 → white to a saturated colour. */
export function shade(v: number, rgb: RGB): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  return [0, 1, 2].map((k) => Math.round(255 - (255 - (rgb[k] as number)) * t)) as [number, number, number];
}

/** Fills `size`×`size` squares of an ImageData from a map (white where there is no cell). */
function paintCells(img: ImageData, x0: number, y0: number, m: TokenMap, size: number, rgb: RGB): void {
  const w = img.width;
  for (let i = 0; i < m.n; i++) {
    for (let j = 0; j < m.n; j++) {
      const v = m.value(i, j);
      const [r, g, b] = v === null ? [255, 255, 255] : shade(v, rgb);
      for (let dy = 0; dy < size; dy++) {
        let at = ((y0 + i * size + dy) * w + x0 + j * size) * 4;
        for (let dx = 0; dx < size; dx++, at += 4) {
          img.data[at] = r;
          img.data[at + 1] = g;
          img.data[at + 2] = b;
          img.data[at + 3] = 255;
        }
      }
    }
  }
}

export interface MapLayout {
  label: number;
  cell: number;
  n: number;
}

const LABEL_FONT = '11px system-ui, sans-serif';

/** Room for the longest label (at most 14 characters are drawn). */
function labelWidth(g: CanvasRenderingContext2D, tokens: string[]): number {
  g.font = LABEL_FONT;
  return Math.ceil(Math.max(24, ...tokens.map((t) => g.measureText(t.slice(0, 14)).width))) + 8;
}

/** One map, labels on the left and on top (rotated); cells at least 12 px so labels stay readable. */
export function drawMap(canvas: HTMLCanvasElement, tokens: string[], m: TokenMap, rgb: RGB): MapLayout {
  const g = canvas.getContext('2d');
  const n = m.n;
  const cell = Math.max(12, Math.min(24, Math.floor(480 / Math.max(1, n))));
  if (!g) return { label: 0, cell, n };
  const label = labelWidth(g, tokens);
  const size = label + n * cell + 1;
  canvas.width = size;
  canvas.height = size;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  const img = g.createImageData(n * cell, n * cell);
  paintCells(img, 0, 0, m, cell, rgb);
  g.putImageData(img, label, label);
  g.font = LABEL_FONT;
  g.fillStyle = '#222';
  g.textBaseline = 'middle';
  tokens.forEach((t, i) => {
    g.textAlign = 'right';
    g.fillText(t.slice(0, 14), label - 4, label + i * cell + cell / 2);
    g.save();
    g.translate(label + i * cell + cell / 2, label - 4);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'left';
    g.fillText(t.slice(0, 14), 0, 0);
    g.restore();
  });
  g.strokeStyle = '#999';
  g.strokeRect(label - 0.5, label - 0.5, n * cell + 1, n * cell + 1);
  return { label, cell, n };
}

/** Canvas pixel under a pointer event (the canvas may be shown smaller than it is drawn). */
export function canvasPoint(canvas: HTMLCanvasElement, e: MouseEvent): [number, number] {
  const r = canvas.getBoundingClientRect();
  return [((e.clientX - r.left) * canvas.width) / (r.width || 1), ((e.clientY - r.top) * canvas.height) / (r.height || 1)];
}

/**
 * Hovering a cell outlines its row and column and says which two tokens it links (`describe`);
 * leaving the map restores it.
 */
export function hoverCells(
  canvas: HTMLCanvasElement,
  layout: MapLayout,
  readout: HTMLElement,
  describe: (i: number, j: number) => string | undefined,
): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const base = g.getImageData(0, 0, canvas.width, canvas.height);
  let pending = 0;
  canvas.onmousemove = (e) => {
    const [x, y] = canvasPoint(canvas, e);
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      g.putImageData(base, 0, 0);
      const i = Math.floor((y - layout.label) / layout.cell);
      const j = Math.floor((x - layout.label) / layout.cell);
      if (i < 0 || j < 0 || i >= layout.n || j >= layout.n) return;
      const text = describe(i, j);
      if (text === undefined) return;
      const { label, cell, n } = layout;
      g.strokeStyle = 'rgba(0,0,0,0.55)';
      g.strokeRect(label + 0.5, label + i * cell + 0.5, n * cell - 1, cell - 1);
      g.strokeRect(label + j * cell + 0.5, label + 0.5, cell - 1, n * cell - 1);
      g.strokeStyle = '#000';
      g.lineWidth = 2;
      g.strokeRect(label + j * cell + 1, label + i * cell + 1, cell - 2, cell - 2);
      g.lineWidth = 1;
      readout.textContent = text;
    });
  };
  canvas.onmouseleave = () => {
    cancelAnimationFrame(pending);
    g.putImageData(base, 0, 0);
  };
}

export interface OverviewLayout {
  left: number;
  top: number;
  tile: number;
  gap: number;
  layers: number;
  columns: number;
}

/**
 * Every layer (rows) and head (columns): `heads` attention tiles, then `heads` kernel tiles, with
 * layer and head labels. `tileMap(layer, column)` gives a tile's map.
 */
export function drawOverview(
  canvas: HTMLCanvasElement,
  layers: number,
  heads: number,
  n: number,
  tileMap: (layer: number, column: number) => TokenMap,
): OverviewLayout {
  const px = Math.max(1, Math.min(8, Math.floor(72 / Math.max(1, n))));
  const tile = n * px;
  const gap = 8;
  const left = 58;
  const top = 34;
  const columns = 2 * heads;
  const layout = { left, top, tile, gap, layers, columns };
  canvas.width = left + columns * (tile + gap) + gap;
  canvas.height = top + layers * (tile + gap);
  const g = canvas.getContext('2d');
  if (!g) return layout;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const img = g.createImageData(canvas.width, canvas.height);
  img.data.fill(255);
  for (let l = 0; l < layers; l++) {
    for (let c = 0; c < columns; c++) {
      const x0 = left + c * (tile + gap) + (c >= heads ? gap : 0);
      paintCells(img, x0, top + l * (tile + gap), tileMap(l, c), px, c < heads ? BLUE : ORANGE);
    }
  }
  g.putImageData(img, 0, 0);
  g.font = LABEL_FONT;
  g.fillStyle = '#222';
  g.textBaseline = 'middle';
  g.textAlign = 'right';
  for (let l = 0; l < layers; l++) g.fillText(`layer ${l}`, left - 6, top + l * (tile + gap) + tile / 2);
  g.textAlign = 'center';
  for (let c = 0; c < columns; c++) {
    const x0 = left + c * (tile + gap) + (c >= heads ? gap : 0);
    g.fillText(`h${c % heads}`, x0 + tile / 2, top - 8);
  }
  g.textAlign = 'left';
  g.fillText('self-attention', left, 9);
  g.fillText('dynamic convolution', left + heads * (tile + gap) + gap, 9);
  g.strokeStyle = '#bbb';
  for (let l = 0; l < layers; l++)
    for (let c = 0; c < columns; c++) {
      const x0 = left + c * (tile + gap) + (c >= heads ? gap : 0);
      g.strokeRect(x0 - 0.5, top + l * (tile + gap) - 0.5, tile + 1, tile + 1);
    }
  return layout;
}

/** The (layer, column) of the overview tile under a pointer event, if any. */
export function overviewTile(canvas: HTMLCanvasElement, o: OverviewLayout, e: MouseEvent): [number, number] | undefined {
  const [x, y] = canvasPoint(canvas, e);
  const heads = o.columns / 2;
  for (let c = 0; c < o.columns; c++) {
    const x0 = o.left + c * (o.tile + o.gap) + (c >= heads ? o.gap : 0);
    if (x < x0 || x >= x0 + o.tile) continue;
    const l = Math.floor((y - o.top) / (o.tile + o.gap));
    if (l >= 0 && l < o.layers && y - o.top - l * (o.tile + o.gap) < o.tile) return [l, c];
  }
  return undefined;
}
