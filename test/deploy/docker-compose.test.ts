import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listAt, mapAt, readComposeFile, type Yaml } from '../support/compose-file';
import { ROOT } from '../support/processes';

// Docker cannot run here (no daemon, no `docker compose`), so `docker compose up --scale app=2`
// is not run: these are the properties it depends on, read from the files themselves.
const compose = mapAt(readComposeFile(path.join(ROOT, 'docker-compose.yml')), 'compose file');
const services = mapAt(compose.services, 'services');
const app = mapAt(services.app, 'app');
const proxy = mapAt(services.proxy, 'proxy');
const appEnv = mapAt(app.environment, 'app.environment');
const appPort = appEnv.PORT as string;

/** haproxy.cfg's sections ("backend app") and their directives, one line each. */
function haproxySections(file: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    if (/^\S/.test(raw)) sections.set(line, (current = []));
    else current.push(line.replace(/\s+/g, ' '));
  }
  return sections;
}

const mounted = listAt(proxy.volumes, 'proxy.volumes').map(String);
const configMount = mounted.find((v) => v.includes(':/usr/local/etc/haproxy/haproxy.cfg'));
const haproxyFile = path.join(ROOT, configMount?.split(':')[0] ?? 'missing');

describe('docker-compose.yml scales the app behind one load balancer', () => {
  it('publishes no host port on the app, so --scale app=2 starts two replicas without a clash', () => {
    expect(app.ports).toBeUndefined();
    // A fixed container name would also stop a second replica.
    expect(app.container_name).toBeUndefined();
    expect(listAt(app.expose, 'app.expose')).toEqual([appPort]);
    const published = Object.values(services).flatMap((s) =>
      mapAt(s, 'service').ports === undefined ? [] : listAt(mapAt(s, 'service').ports, 'ports'),
    );
    expect(published).toEqual(['3000:3000']);
  });

  it('has the load balancer publish port 3000, from an image that needs no build', () => {
    expect(proxy.build).toBeUndefined();
    expect(proxy.image).toMatch(/^haproxy:\d/);
    expect(listAt(proxy.ports, 'proxy.ports')).toEqual(['3000:3000']);
    expect(configMount).toMatch(/^\.\/deploy\/haproxy\.cfg:.*:ro$/);
    const sections = haproxySections(haproxyFile);
    expect(sections.get('frontend rapport')).toContain('bind :3000');
  });

  it("reaches every replica by the service's name, on the app's port, once it is ready", () => {
    const sections = haproxySections(haproxyFile);
    const backend = sections.get('backend app') ?? [];
    const template = backend.find((l) => l.startsWith('server-template '))?.split(' ') ?? [];
    // server-template <prefix> <slots> <service>:<port> …: one slot per address DNS returns.
    expect(template[3]).toBe(`app:${appPort}`);
    expect(Number(template[2])).toBeGreaterThanOrEqual(2);
    expect(template).toEqual(expect.arrayContaining(['check', 'resolvers', 'init-addr', 'none']));
    // Re-resolved through Docker's DNS, so replicas added or recreated later are found.
    const resolvers = template[template.indexOf('resolvers') + 1];
    expect(sections.get(`resolvers ${resolvers}`)).toContain('parse-resolv-conf');
    // Only ready replicas get requests.
    expect(backend).toEqual(
      expect.arrayContaining(['option httpchk', 'http-check send meth GET uri /readyz']),
    );
    expect(backend).toContain('http-check expect status 200');
  });

  it('gives every replica the same Postgres: the postgres service, with its own credentials', () => {
    const postgres = mapAt(services.postgres, 'postgres');
    const pgEnv = mapAt(postgres.environment, 'postgres.environment');
    const url = new URL(appEnv.DATABASE_URL as string);
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(pgEnv.POSTGRES_USER);
    expect(url.password).toBe(pgEnv.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${pgEnv.POSTGRES_DB as string}`);
    // The embedded database is one process's: nothing may point a replica at it.
    expect(appEnv.RAPPORT_DATA_DIR).toBeUndefined();
    const dependsOn = mapAt(app.depends_on, 'app.depends_on');
    expect(mapAt(dependsOn.postgres, 'depends_on.postgres').condition).toBe('service_healthy');
  });

  it("counts a replica healthy only when its /readyz answers 200, on the app's port", () => {
    const test = listAt(mapAt(app.healthcheck, 'app.healthcheck').test, 'healthcheck.test');
    expect(test[0]).toBe('CMD');
    expect(test.join(' ')).toContain(`'http://127.0.0.1:${appPort}/readyz'`);
    expect(test.join(' ')).toContain('r.ok ? 0 : 1');
  });

  const haproxy = (() => {
    try {
      execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  // The image's haproxy is not here; a local one, when installed, checks the syntax.
  (haproxy ? it : it.skip)('haproxy accepts the configuration', () => {
    expect(() => execFileSync('haproxy', ['-c', '-q', '-f', haproxyFile])).not.toThrow();
  });

  it('reads only the YAML it understands, and refuses the rest', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-compose-'));
    const file = path.join(dir, 'compose.yml');
    writeFileSync(file, "a:\n  test: ['CMD', 'true']\n");
    expect(() => readComposeFile(file)).toThrow(/outside the YAML/);
    writeFileSync(file, "a:\n  - x: '1'\n    y: two\n  # note\n  -   \n");
    expect(() => readComposeFile(file)).toThrow();
    writeFileSync(file, 'a:\n  - x: \'1\'\n    y: two\n  - "three"\n');
    expect(readComposeFile(file)).toEqual({ a: [{ x: '1', y: 'two' }, 'three'] } satisfies Yaml);
  });
});
