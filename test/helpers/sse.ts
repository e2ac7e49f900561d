/**
 * Reads a whole text/event-stream response into `{event, data}` records (data parsed as JSON when it is).
 */
export interface SseRecord {
  event: string;
  data: any;
}

export async function readSse(res: Response): Promise<SseRecord[]> {
  const text = await res.text();
  const out: SseRecord[] = [];
  for (const block of text.split(/\n\n+/)) {
    if (!block.trim()) continue;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    const raw = data.join("\n");
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      /* plain text */
    }
    out.push({ event, data: parsed });
  }
  return out;
}
