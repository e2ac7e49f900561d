/** Stands in for `ollama/browser` in bundles of agents that do not use Ollama (see anthropic-sdk.ts). */
export class Ollama {
  constructor() {
    throw new Error("the ollama backend is not bundled into this agent's Worker (it was built for another backend)");
  }
}
