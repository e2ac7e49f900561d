/**
 * @module workers/tools/weather/units
 * Unit systems for weather output. Data is stored metric (°C, km/h); conversion happens once, here.
 */
import { round } from "../result";

export const UNIT_SYSTEMS = ["metric", "imperial", "kelvin"] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];
/** What the tool accepts: the seed's three systems plus the scale names people actually say. */
export const UNIT_INPUTS = [...UNIT_SYSTEMS, "celsius", "fahrenheit"] as const;
export type UnitInput = (typeof UNIT_INPUTS)[number];

export function toUnitSystem(u: UnitInput): UnitSystem {
  return u === "celsius" ? "metric" : u === "fahrenheit" ? "imperial" : u;
}

export function convertTemp(c: number, units: UnitSystem): number {
  if (units === "imperial") return round((c * 9) / 5 + 32, 1);
  if (units === "kelvin") return round(c + 273.15, 2);
  return round(c, 1);
}

/** Wind: km/h for metric, mph for imperial, m/s for kelvin (SI, as the seed's "standard" units). */
export function convertWind(kph: number, units: UnitSystem): number {
  if (units === "imperial") return round(kph / 1.609344, 1);
  if (units === "kelvin") return round(kph / 3.6, 1);
  return round(kph, 1);
}

export function unitLabels(units: UnitSystem): { temperature: string; wind: string } {
  if (units === "imperial") return { temperature: "°F", wind: "mph" };
  if (units === "kelvin") return { temperature: "K", wind: "m/s" };
  return { temperature: "°C", wind: "km/h" };
}
