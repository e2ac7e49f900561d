/**
 * Stands in for `@anthropic-ai/sdk` in bundles of agents that do not think with Claude, so their Workers start
 * faster (a third of the bundle). Reaching it means the bundle was made for another backend: a bug, said so.
 */
const NOT_BUNDLED = "the anthropic backend is not bundled into this agent's Worker (it was built for another backend)";

export default class Anthropic {
  constructor() {
    throw new Error(NOT_BUNDLED);
  }
}
export class APIError extends Error {}
export class APIUserAbortError extends Error {}
