// The admin UI's transport on Forge: `{call(method, args)}` over @forge/bridge `invoke`,
// reaching the `call` resolver (js/forge/admin.js). Same contract as js/admin/transport.js.
import { CallError } from '../../admin/transport.js';

/** @param {(functionKey: string, payload: object) => Promise<any>} invoke from @forge/bridge */
export function bridgeTransport(invoke) {
  return {
    async call(method, args = {}) {
      let answer;
      try {
        answer = await invoke('call', { method, args });
      } catch (err) {
        throw new CallError(`Jira could not reach the usersync app: ${err?.message ?? err}`, 0);
      }
      if (answer?.error) throw new CallError(answer.error, answer.status ?? 500);
      return answer?.result ?? null;
    },
  };
}
