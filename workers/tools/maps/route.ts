/**
 * @module workers/tools/maps/route
 * get_route: ordered legs through waypoints with great-circle distances and a rough travel time per mode.
 * Times are estimates from typical average speeds plus a fixed overhead, not a routing engine.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { round } from "../result";
import { findCity, haversineKm, KM_PER_MILE } from "./geo";
import { UNITS, unknownPlace } from "./distance";

export const MODES = ["driving", "train", "flight", "walking", "cycling"] as const;
export type Mode = (typeof MODES)[number];

/** Average speed (km/h), detour factor over the straight line, fixed overhead (h: airports, stations). */
const PROFILE: Record<Mode, { speed: number; detour: number; overheadH: number }> = {
  driving: { speed: 80, detour: 1.25, overheadH: 0 },
  train: { speed: 120, detour: 1.2, overheadH: 0.5 },
  flight: { speed: 800, detour: 1.05, overheadH: 2.5 },
  walking: { speed: 5, detour: 1.3, overheadH: 0 },
  cycling: { speed: 18, detour: 1.3, overheadH: 0 },
};

const HOW: Record<Mode, string> = { driving: "by car", train: "by train", flight: "by air", walking: "on foot", cycling: "by bike" };

export function estimateHours(km: number, mode: Mode): number {
  const p = PROFILE[mode];
  return (km * p.detour) / p.speed + p.overheadH;
}

/** "1 h 25 min", "3 d 4 h" for long walks. */
export function formatDuration(hours: number): string {
  const totalMin = Math.round(hours * 60);
  const days = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (days > 0) return `${days} d ${h} h`;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export const getRoute = defineTool({
  name: "get_route",
  description:
    "Plan a route / trip / itinerary through cities in order (origin, optional waypoints or stops, destination): each leg's distance and a rough travel time by mode (driving, train, flight, walking, cycling), plus the total.",
  input: z.object({
    origin: z.string().min(1).describe("Starting city"),
    destination: z.string().min(1).describe("Final city"),
    waypoints: z.array(z.string()).default([]).describe("Cities to stop at in between, in order"),
    mode: z.enum(MODES).default("driving").describe("How you travel"),
    units: z.enum(UNITS).default("km"),
  }),
  run({ origin, destination, waypoints, mode, units }) {
    const names = [origin, ...waypoints, destination];
    const stops = [];
    for (const n of names) {
      const c = findCity(n);
      if (!c) return unknownPlace(n);
      stops.push(c);
    }
    const factor = units === "miles" ? 1 / KM_PER_MILE : 1;
    let totalKm = 0;
    let totalH = 0;
    const legs = [];
    for (let i = 0; i + 1 < stops.length; i++) {
      const a = stops[i]!;
      const b = stops[i + 1]!;
      const km = haversineKm(a, b);
      const h = estimateHours(km, mode);
      totalKm += km;
      totalH += h;
      legs.push({ from: a.name, to: b.name, distance: round(km * factor, 1), travel_time: formatDuration(h), hours: round(h, 2) });
    }
    const result: Record<string, unknown> = {
      mode,
      units,
      legs,
      total_distance: round(totalKm * factor, 1),
      total_travel_time: formatDuration(totalH),
      total_hours: round(totalH, 2),
      note: "straight-line legs; times are rough estimates from average speeds",
    };
    const overseas = legs.length > 0 && (mode === "driving" || mode === "walking" || mode === "cycling") && totalKm > 5000;
    if (overseas) result.warning = `A leg this long by ${mode} may cross an ocean; consider mode "flight".`;
    const via = stops.map((c) => c.name).join(" → ");
    const total = `${round(totalKm * factor, 1)} ${units}, about ${formatDuration(totalH)}`;
    const perLeg = legs.length > 1 ? ` (${legs.map((l) => `${l.from} → ${l.to} ${l.distance} ${units}, ${l.travel_time}`).join("; ")})` : "";
    result.summary = `${via} ${HOW[mode]}: ${total}${perLeg}; a rough estimate from straight-line distance and average speed.${overseas ? ` ${String(result.warning)}` : ""}`;
    return result;
  },
});
