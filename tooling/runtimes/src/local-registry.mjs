// A throwaway npm registry on 127.0.0.1 for testing `npm:` specifiers in Deno with no
// node_modules and no network: this workspace's packages from `pnpm pack`, every other package
// from the versions pnpm installed (node_modules/.pnpm), packed on request.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

/** `pnpm pack` of each workspace package into `dir`; returns name → { version, manifest, tarball }. */
function packWorkspace(root, dir, folders) {
  const out = new Map();
  for (const folder of folders) {
    const pkgDir = join(root, 'packages', folder);
    const lines = execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n');
    const tarball = lines[lines.length - 1].trim();
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    out.set(manifest.name, { version: manifest.version, manifest, tarball });
  }
  return out;
}

/** Installed versions of a third-party package: name@version folders under node_modules/.pnpm. */
function installed(root, name) {
  const store = join(root, 'node_modules', '.pnpm');
  const prefix = `${name.replace('/', '+')}@`;
  const found = new Map();
  for (const entry of readdirSync(store)) {
    if (!entry.startsWith(prefix)) continue;
    const dir = join(store, entry, 'node_modules', name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    found.set(manifest.version, { version: manifest.version, manifest, dir });
  }
  return found;
}

/** Serves the workspace packages in `folders` (under packages/) and everything pnpm installed. */
export async function startRegistry(root, packDir, folders) {
  const workspace = packWorkspace(root, packDir, folders);
  let base = '';
  const versionsOf = (name) =>
    workspace.has(name) ? new Map([[workspace.get(name).version, workspace.get(name)]]) : installed(root, name);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    const tgz = /^-\/tarball\/(.+)\/([^/]+)\.tgz$/.exec(path);
    if (tgz) {
      const v = versionsOf(tgz[1]).get(tgz[2]);
      if (!v) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      if (v.tarball) return createReadStream(v.tarball).pipe(res);
      // Hard links (pnpm's store) as plain files; fast gzip: these tarballs live for one test.
      const tar = spawn('tar', [
        '-c',
        '--hard-dereference',
        '-I',
        'gzip -1',
        '--exclude=./node_modules',
        '-C',
        v.dir,
        '--transform',
        's,^\\.,package,',
        '.',
      ]);
      tar.stdout.pipe(res);
      return;
    }
    const versions = versionsOf(path);
    if (versions.size === 0) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    const packument = { name: path, 'dist-tags': {}, versions: {} };
    for (const [version, v] of versions) {
      const { name, dependencies, peerDependencies, bin, os, cpu } = v.manifest;
      // Only this platform's optional binaries were installed; the others are left out.
      const optionalDependencies = Object.fromEntries(
        Object.entries(v.manifest.optionalDependencies ?? {}).filter(([dep]) => versionsOf(dep).size > 0),
      );
      packument.versions[version] = {
        name,
        version,
        dependencies,
        optionalDependencies,
        peerDependencies,
        bin,
        os,
        cpu,
        dist: { tarball: `${base}-/tarball/${name}/${version}.tgz` },
      };
      packument['dist-tags'].latest = version;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
  return { url: base, close: () => new Promise((r) => server.close(r)) };
}
