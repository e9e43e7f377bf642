import cliProgress from 'cli-progress';

export interface ProgressEvent {
  /** What is happening: a file being downloaded, or a build step. */
  file?: string;
  step?: string;
  loaded: number;
  total?: number;
}

/**
 * Progress bars on stderr when it is a terminal; nothing otherwise (pipes and CI logs stay
 * clean). One bar per file; finished bars stay as a record of what was fetched.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (e: ProgressEvent) => void;
  stop: () => void;
} {
  if (!stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const multi = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: ' {bar} {percentage}% | {name} | {value}/{total} {unit}',
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? humanBytes(v) : String(v)),
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(e) {
      const name = e.file ?? e.step ?? 'working';
      let bar = bars.get(name);
      if (!bar) {
        bar = multi.create(e.total ?? 0, 0, { name, unit: '' });
        bars.set(name, bar);
      }
      if (e.total !== undefined) bar.setTotal(e.total);
      bar.update(e.loaded, { name });
    },
    stop: () => multi.stop(),
  };
}

function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}
