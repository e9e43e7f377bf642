// pnpm hooks of the workspace.
module.exports = {
  hooks: {
    // What `pnpm pack` / `pnpm publish` (and so `changeset publish`) write as a published
    // package.json (pnpm ≥ 10.28): no devDependencies — they name private workspace packages
    // (`@convbert/test-fixtures`) and tools no user installs — and no scripts: `prepack`, `test`,
    // `bench` run only in this repository, through paths (`../../tooling`) a tarball does not have.
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      return pkg;
    },
  },
};
