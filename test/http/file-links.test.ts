import { fileLinks } from '../../src/persistence/repositories/file-links';
import { ensureWorkspace } from '../../src/persistence/repositories/directory';
import { FILE_LINK_TTL_MS } from '../../src/http/files';
import { fixedClock } from '../support/clock';
import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';

describe(`files handed over by link (${databaseLabel})`, () => {
  const clock = fixedClock('2026-12-02T10:00:00Z');
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ clock });
  });
  afterAll(() => app?.close());

  it('serves a file at its address until the link expires, and nothing at any other', async () => {
    const workspaceId = await ensureWorkspace(app.db, {
      platform: 'teams',
      externalId: 'tenant-files',
      name: 'Files',
    });
    const files = fileLinks(app.db);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const image = await files.offer(
      workspaceId,
      'someone',
      { filename: 'chart.png', title: 'Chart', mimeType: 'image/png', content: png },
      clock.now(),
      FILE_LINK_TTL_MS,
    );
    const json = await files.offer(
      workspaceId,
      'someone',
      {
        filename: 'my "data".json',
        title: 'Data',
        mimeType: 'application/json',
        content: '{"a":1}',
      },
      clock.now(),
      FILE_LINK_TTL_MS,
    );
    expect(image).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const got = await fetch(`${app.url}/files/${image}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toBe('inline; filename="chart.png"');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
    const data = await fetch(`${app.url}/files/${json}`);
    expect(data.headers.get('content-disposition')).toBe('attachment; filename="my__data_.json"');
    expect(await data.text()).toBe('{"a":1}');

    // Only the hash of the address is kept.
    const stored = await app.db.selectFrom('file_links').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(image);

    // One character off (the last of 32 bytes in base64url is one of 16, 'A' among them).
    const off = `${image.slice(0, -1)}${image.endsWith('A') ? 'E' : 'A'}`;
    for (const wrong of [off, 'short', '../etc/passwd'])
      expect((await fetch(`${app.url}/files/${wrong}`)).status).toBe(404);
    expect((await fetch(`${app.url}/files/${image}`, { method: 'POST' })).status).toBe(404);

    clock.set(new Date(clock.now().getTime() + FILE_LINK_TTL_MS + 1000).toISOString());
    expect((await fetch(`${app.url}/files/${image}`)).status).toBe(404);
  });
});
