/**
 * The bare Teams app the load compares Rapport with: the same @microsoft/agents-hosting, an
 * AgentApplication behind a CloudAdapter and express as the SDK's samples serve it, anonymous,
 * answering every message with one reply in its conversation (Teams' acknowledgement that a
 * message was heard). PORT says where.
 */
import express from 'express';
import { AgentApplication, authorizeJWT, CloudAdapter, TurnState } from '@microsoft/agents-hosting';

const agent = new AgentApplication<TurnState>();
agent.onActivity('message', async (context) => {
  await context.sendActivity('Thanks, noted.');
});

const adapter = new CloudAdapter();
const server = express();
server.use(express.json());
// No client id configured: the SDK's middleware lets the request through as anonymous.
server.use(authorizeJWT({} as never));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req as never, res as never, (context) => agent.run(context));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
