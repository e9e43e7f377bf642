// Human-readable output, one block per input. `--json` bypasses this.
type Row = Record<string, unknown>;

const num = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : String(x));

function rows(x: unknown): Row[] {
  if (Array.isArray(x)) return x.flatMap((r) => (Array.isArray(r) ? r : [r])) as Row[];
  return [x as Row];
}

export function formatResult(task: string, result: unknown): string {
  switch (task) {
    case 'text-classification':
    case 'multiple-choice':
      return rows(result)
        .map((r) => `${r.label ?? r.choice ?? r.index}\t${num(r.score)}`)
        .join('\n');
    case 'fill-mask':
      return rows(result)
        .map((r) => `${num(r.score)}\t${r.token_str}\t${r.sequence}`)
        .join('\n');
    case 'token-classification':
      return rows(result).length === 0
        ? '(no entities)'
        : rows(result)
            .map((r) => `${r.entity_group ?? r.entity}\t${r.word}\t${r.start}-${r.end}\t${num(r.score)}`)
            .join('\n');
    case 'question-answering':
      return rows(result)
        .map((r) => `${r.answer}\t${num(r.score)}\t${r.start}-${r.end}`)
        .join('\n');
    case 'feature-extraction': {
      const t = result as { dims?: number[]; data?: ArrayLike<number> };
      if (t?.dims && t.data) {
        const head = Array.from(t.data).slice(0, 8).map(num).join(', ');
        return `[${t.dims.join(', ')}] ${head}${t.data.length > 8 ? ', …' : ''}`;
      }
      return JSON.stringify(result);
    }
    default:
      return JSON.stringify(result);
  }
}

/** JSON with typed arrays as plain arrays. */
export function toJson(result: unknown): string {
  return JSON.stringify(result, (_k, v) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v,
  );
}
