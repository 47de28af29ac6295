import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BOT_SCOPES } from '../../src/adapters/slack/app';
import { COMMANDS } from '../../src/adapters/slack/listeners/commands';
import manifest from '../../manifest.json';

const LISTENERS = path.join(__dirname, '../../src/adapters/slack/listeners');

/** Every string the Slack listeners register with app.<kind>('…'). */
function registered(kind: 'event'): string[] {
  const found = readdirSync(LISTENERS).flatMap((file) => [
    ...readFileSync(path.join(LISTENERS, file), 'utf8').matchAll(
      new RegExp(`app\\.${kind}\\(\\s*'([^']+)'`, 'g'),
    ),
  ]);
  return [...new Set(found.map((m) => m[1]!))].sort();
}

describe('the Slack app manifest', () => {
  it('subscribes to exactly the events the app listens for', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      registered('event'),
    );
  });

  it('declares exactly the slash commands the app answers, all sent to /slack/events', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c) => c.command).sort()).toEqual([...COMMANDS].sort());
    for (const c of commands) {
      expect(new URL(c.url).pathname).toBe('/slack/events');
      // Escaped text is what the mention parser reads: <@U123|name>.
      expect(c.should_escape).toBe(true);
    }
  });

  it('asks for the same least scopes as the OAuth install', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.scopes).not.toHaveProperty('user');
  });

  it('routes events, interactivity and OAuth to the one server', () => {
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(
      '/slack/events',
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([
      '/slack/oauth_redirect',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
