// A tab's inputs: one labelled box per field (several lines where a text can be long), the call's
// options as JSON, and Run. Ctrl+Enter (⌘+Enter) runs from any box, a multi-line one included.
import { h } from './dom.js';
import type { TaskDef } from './tasks.js';

export function taskForm(t: TaskDef, v: Record<string, string>, run: () => void): HTMLFormElement {
  const form = h(
    'form',
    {
      id: 'task-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        run();
      },
    },
    ...t.fields.map((f) => {
      const id = `field-${f.name}`;
      const onInput = (e: Event) => {
        v[f.name] = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      };
      const hintId = f.hint ? `${id}-hint` : undefined;
      const control =
        f.rows > 1
          ? h('textarea', { name: f.name, id, rows: f.rows, oninput: onInput, 'aria-describedby': hintId }, v[f.name] ?? '')
          : h('input', { name: f.name, id, value: v[f.name] ?? '', oninput: onInput, 'aria-describedby': hintId });
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, f.label),
        control,
        f.hint ? h('span', { class: 'hint', id: hintId }, f.hint) : null,
      );
    }),
    h(
      'div',
      { class: 'field options' },
      h('label', { for: 'field-options' }, 'Options (JSON)'),
      h('input', {
        name: 'options',
        id: 'field-options',
        value: v.options ?? '{}',
        spellcheck: 'false',
        oninput: (e: Event) => {
          v.options = (e.target as HTMLInputElement).value;
        },
      }),
    ),
    h('button', { type: 'submit', id: 'run', class: 'primary' }, 'Run'),
  );
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  return form;
}
