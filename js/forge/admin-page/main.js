// The Forge admin page: the shared admin UI (js/admin/) with the bridge transport. No sign-in:
// Jira only shows this page to Jira admins, and the resolver runs as the app.
import './embedded.js';
import { invoke } from '@forge/bridge';
import { start } from '../../admin/app.js';
import { bridgeTransport } from './transport.js';

start({ transport: bridgeTransport(invoke), signIn: false });
