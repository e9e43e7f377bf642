import type { LoadProgress as ProgressEvent } from '@convbert/core';
import cliProgress from 'cli-progress';

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
      format: ' {bar} {percentage}% | {name} {detail}',
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(e) {
      const name = e.file ?? e.step ?? 'working';
      let bar = bars.get(name);
      const detail = e.file ? `${humanBytes(e.loaded)}${e.total !== undefined ? ` / ${humanBytes(e.total)}` : ''}` : '';
      if (!bar) {
        bar = multi.create(e.total ?? 0, 0, { name, detail });
        bars.set(name, bar);
      }
      if (e.total !== undefined) bar.setTotal(e.total);
      bar.update(e.loaded, { name, detail });
    },
    stop: () => multi.stop(),
  };
}

function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}
