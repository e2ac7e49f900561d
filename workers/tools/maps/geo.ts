/**
 * @module workers/tools/maps/geo
 * Place lookup over the bundled gazetteer (case-insensitive, aliases) and great-circle distance.
 */
import { CITIES, type City } from "../../data/cities";
import { normalizeName } from "../result";

/** Mean Earth radius (IUGG), the usual choice for haversine. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

const INDEX = new Map<string, City>();
for (const c of CITIES) {
  INDEX.set(normalizeName(c.name), c);
  for (const a of c.aliases ?? []) INDEX.set(normalizeName(a), c);
}

/** Finds a city by name or alias; tolerates a trailing country ("Paris, France"). */
export function findCity(query: string): City | undefined {
  const key = normalizeName(query);
  const direct = INDEX.get(key);
  if (direct) return direct;
  const head = query.split(",")[0];
  return head && head !== query ? INDEX.get(normalizeName(head)) : undefined;
}

export function cityNames(): string[] {
  return CITIES.map((c) => c.name);
}

/** Great-circle distance in kilometres between two lat/lon points (haversine formula). */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial compass bearing from a to b, as one of 8 points ("NE"). */
export function compassBearing(a: { lat: number; lon: number }, b: { lat: number; lon: number }): string {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * rad) * Math.cos(b.lat * rad);
  const x = Math.cos(a.lat * rad) * Math.sin(b.lat * rad) - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lon - a.lon) * rad);
  const deg = (Math.atan2(y, x) / rad + 360) % 360;
  return ["N", "NE", "E", "SE", "S", "SW", "W", "NW"][Math.round(deg / 45) % 8] ?? "N";
}
