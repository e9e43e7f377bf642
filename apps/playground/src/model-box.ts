// The "Model" box: the tab's demo model, a hub id, a folder URL, or a folder of one's own (picked
// or dropped). Built once; changing the kind shows its inputs without rebuilding the box, so focus
// and a picked folder stay where they are.
import * as web from '@convbert/web';
import { h } from './dom.js';
import type { ModelChoice } from './models.js';

export interface ModelBox {
  element: HTMLElement;
  /** Shows `choice` (the radio, its inputs) and the one-line summary. */
  update(choice: ModelChoice, demoLabel: string, summary: string): void;
}

const KINDS: [ModelChoice['kind'], string][] = [
  ['demo', 'demo model'],
  ['hub', 'hub id'],
  ['url', 'folder URL'],
  ['files', 'my folder'],
];

export function modelBox(set: (choice: ModelChoice) => void, get: () => ModelChoice): ModelBox {
  const radios = new Map<ModelChoice['kind'], HTMLInputElement>();
  const demoText = h('span', {});
  const kindRow = h(
    'fieldset',
    { class: 'kinds' },
    h('legend', {}, 'Where the model comes from'),
    ...KINDS.map(([kind, label]) => {
      const input = h('input', { type: 'radio', name: 'model-kind', value: kind, id: `model-kind-${kind}` });
      input.addEventListener('change', () => set(fresh(kind)));
      radios.set(kind, input);
      return h('label', { class: 'choice', for: `model-kind-${kind}` }, input, ` ${label}`, kind === 'demo' ? demoText : null);
    }),
  );
  const field = (id: string, label: string, placeholder: string, onInput: (v: string) => void) => {
    const input = h('input', { id, placeholder, autocomplete: 'off' });
    input.addEventListener('input', () => onInput(input.value));
    return { input, row: h('label', { class: 'field', for: id }, h('span', {}, label), input) };
  };
  const hubPatch = (p: Partial<{ id: string; endpoint: string; revision: string }>) => {
    const c = get();
    if (c.kind === 'hub') set({ ...c, ...p });
  };
  const hubId = field('hub-id', 'Hub id', 'owner/name', (id) => hubPatch({ id }));
  const hubEndpoint = field('hub-endpoint', 'Endpoint', 'https://huggingface.co', (endpoint) => hubPatch({ endpoint }));
  const hubRevision = field('hub-revision', 'Revision', 'main', (revision) => hubPatch({ revision }));
  const hubRow = h('div', { class: 'row', id: 'hub-row' }, hubId.row, hubEndpoint.row, hubRevision.row);
  const url = field('model-url', 'Folder URL', '/models/my-model/ or https://…/', (u) => set({ kind: 'url', url: u }));
  const urlRow = h('div', { class: 'row', id: 'url-row' }, url.row);

  const folder = h('input', { type: 'file', id: 'folder-input', webkitdirectory: true, multiple: true });
  folder.addEventListener('change', () => {
    const files = Array.from(folder.files ?? []);
    if (files.length === 0) return;
    const name = files[0]?.webkitRelativePath.split('/')[0] ?? '';
    set({ kind: 'files', files: files.map((file) => ({ path: pathInFolder(file), file })), name });
  });
  const drop = h(
    'div',
    { id: 'dropzone', class: 'dropzone' },
    h(
      'p',
      {},
      'Drop a checkpoint folder here — config.json, vocab.txt and the weights (model.safetensors, pytorch_model.bin or tf_model.h5): it is converted to ONNX in this page.',
    ),
    h('label', { for: 'folder-input' }, 'Or pick a folder: '),
    folder,
  );
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    if (!e.dataTransfer) return;
    // The entry's name must be read during the event; the files are walked after it.
    const first = e.dataTransfer.items[0] as
      | (DataTransferItem & { webkitGetAsEntry?: () => { name: string; isDirectory: boolean } | null })
      | undefined;
    const entry = first?.webkitGetAsEntry?.();
    const name = e.dataTransfer.items.length === 1 && entry?.isDirectory ? entry.name : '';
    const files = await web.filesFromDataTransfer(e.dataTransfer);
    if (files.length > 0) set({ kind: 'files', files, name });
  });
  const desc = h('p', { class: 'muted', id: 'model-desc' });
  const summary = h('summary', {}, h('strong', {}, 'Model: '), h('span', { id: 'model-summary' }));
  const element = h('details', { class: 'model', id: 'model-box' }, summary, kindRow, hubRow, urlRow, drop, desc);

  return {
    element,
    update(choice, demoLabel, text) {
      for (const [kind, radio] of radios) radio.checked = kind === choice.kind;
      demoText.textContent = ` (${demoLabel})`;
      hubRow.hidden = choice.kind !== 'hub';
      urlRow.hidden = choice.kind !== 'url';
      drop.hidden = choice.kind !== 'files' && choice.kind !== 'demo';
      if (choice.kind === 'hub') {
        // Only set what differs: writing the value of the input being typed in would move the caret.
        if (hubId.input.value !== choice.id) hubId.input.value = choice.id;
        if (hubEndpoint.input.value !== choice.endpoint) hubEndpoint.input.value = choice.endpoint;
        if (hubRevision.input.value !== choice.revision) hubRevision.input.value = choice.revision;
      }
      if (choice.kind === 'url' && url.input.value !== choice.url) url.input.value = choice.url;
      if (choice.kind !== 'files') folder.value = '';
      (summary.lastElementChild as HTMLElement).textContent = text;
      desc.textContent = text;
    },
  };
}

function fresh(kind: ModelChoice['kind']): ModelChoice {
  if (kind === 'hub') return { kind, id: '', endpoint: 'https://huggingface.co', revision: 'main' };
  if (kind === 'url') return { kind, url: '' };
  if (kind === 'files') return { kind, files: [], name: '' };
  return { kind };
}

/** A picked folder's file path inside it (`my-model/config.json` → `config.json`). */
function pathInFolder(f: File): string {
  return f.webkitRelativePath.includes('/') ? f.webkitRelativePath.slice(f.webkitRelativePath.indexOf('/') + 1) : f.name;
}
