// The files a package manifest promises: every target of `exports`, `imports`, `main`, `types` and
// `bin` that lies inside the package. A tarball missing one of them installs and then fails at its
// first import — what a publish without a build used to ship.

/** Targets (`./dist/index.js`) of a conditions object or a string, depth first. */
function targets(value) {
  if (typeof value === 'string') return value.startsWith('./') ? [value] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(targets);
}

/**
 * The package-relative paths (`dist/index.js`) a manifest names, without duplicates, in order.
 * `./package.json` is left out: it is always packed.
 * @param {Record<string, unknown>} manifest
 * @returns {string[]}
 */
export function entryFiles(manifest) {
  const bin = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const all = [
    ...targets(manifest.exports),
    ...targets(manifest.imports),
    ...[manifest.main, manifest.types, ...bin].filter((v) => typeof v === 'string'),
  ];
  const paths = all.map((p) => p.replace(/^\.\//, '')).filter((p) => p !== 'package.json' && !p.includes('*'));
  return [...new Set(paths)];
}
