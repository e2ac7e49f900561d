/**
 * @module workers/tools/echo/simple-echo
 * simple_echo: returns its input unchanged. The restricted agent's only tool, used by permission tests.
 */
import { z } from "zod";
import { defineTool } from "../tool";

export const simpleEcho = defineTool({
  name: "simple_echo",
  description: "Echo a message back unchanged (repeat / say back what was sent).",
  input: z.object({ message: z.string().describe("The message to echo back") }),
  run({ message }) {
    return { echo: message };
  },
});
