// Hub names become cache folders: two different names must never share a folder. Repo ids follow
// huggingface_hub's `validate_repo_id` (utils/_validators.py), whose refusals keep `models--a--b`
// unambiguous; revisions are encoded so that `v1/b` and `v1--b` stay apart.
import { describe, expect, it } from 'vitest';
import { cacheSegments, HubError, hubFileRef } from '../../src/index.js';

function refusal(repo: string, revision = 'main'): HubError | undefined {
  try {
    hubFileRef(repo, 'config.json', revision);
  } catch (err) {
    expect(err).toBeInstanceOf(HubError);
    return err as HubError;
  }
  return undefined;
}

const folder = (repo: string, revision = 'main') =>
  cacheSegments(hubFileRef(repo, 'config.json', revision))
    .slice(0, 3)
    .join('/');

describe('repo ids: what validate_repo_id refuses', () => {
  it.each([
    ['a--b', '"--" would read as the "/" of the cache folder'],
    ['owner/a--b', '"--" inside the name'],
    ['own--er/b', '"--" inside the namespace'],
    ['a..b', '".."'],
    ['-abc', 'a leading "-"'],
    ['abc-', 'a trailing "-"'],
    ['.abc', 'a leading "."'],
    ['abc.', 'a trailing "."'],
    ['owner-/name', 'a namespace ending in "-"'],
    ['owner/-name', 'a name starting with "-"'],
    ['owner/name.git', 'a ".git" ending'],
    ['a'.repeat(97), 'a name longer than 96 characters'],
    ['owner/café', 'a non-ASCII letter'],
    ['owner/na me', 'a space'],
    ['owner/na+me', 'a "+"'],
    ['a/b/c', 'more than one "/"'],
    ['', 'nothing'],
  ])('%j is refused (%s)', (repo) => {
    expect(refusal(repo)?.code).toBe('HUB_INVALID_NAME');
  });

  it.each([
    'foo',
    'foo/bar',
    '123',
    'Foo-BAR_foo.bar123',
    '_private/x_',
    'a',
    'a'.repeat(96),
    'YituTech/conv-bert-base',
    'bert-base-uncased',
  ])('%j is accepted', (repo) => {
    expect(refusal(repo)).toBeUndefined();
  });

  it('so that no two accepted ids share a cache folder', () => {
    expect(refusal('a--b')).toBeDefined();
    expect(folder('a/b')).toBe('models--a--b/snapshots/main');
  });
});

describe('revisions map to cache folders without collisions', () => {
  it('"v1/b" and "v1--b" get different folders', () => {
    expect(folder('o/r', 'v1/b')).not.toBe(folder('o/r', 'v1--b'));
  });

  it('a revision with "/" is not the parent folder of another revision', () => {
    // `v1` + file `b/config.json` against `v1/b` + file `config.json`.
    const nested = cacheSegments(hubFileRef('o/r', 'b/config.json', 'v1')).join('/');
    const slashed = cacheSegments(hubFileRef('o/r', 'config.json', 'v1/b')).join('/');
    expect(nested).not.toBe(slashed);
  });

  it('revisions without "/" keep the folders that earlier versions wrote (existing caches stay readable)', () => {
    expect(folder('o/r')).toBe('models--o--r/snapshots/main');
    expect(folder('o/r', 'v1--b')).toBe('models--o--r/snapshots/v1--b');
    const commit = '0123456789abcdef0123456789abcdef01234567';
    expect(folder('o/r', commit)).toBe(`models--o--r/snapshots/${commit}`);
  });

  it('every revision folder is one path segment', () => {
    expect(cacheSegments(hubFileRef('o/r', 'config.json', 'refs/pr/1'))).toHaveLength(4);
  });
});
