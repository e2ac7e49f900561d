/**
 * @module workers/tools/weather/report
 * The one weather result shape, built from metric observations in any unit system, for both data sources.
 */
import { convertTemp, convertWind, unitLabels, type UnitSystem } from "./units";

export interface MetricObservation {
  location: string;
  country?: string;
  tempC: number;
  feelsLikeC: number;
  condition: string;
  humidity: number;
  windKph: number;
  windDir?: string;
  forecast: { date?: string; highC: number; lowC: number; condition: string; precipChance?: number }[];
}

const DAY_LABELS = ["tomorrow", "in 2 days", "in 3 days"];

export function buildReport(o: MetricObservation, units: UnitSystem, source: string) {
  const labels = unitLabels(units);
  const t = (c: number) => `${convertTemp(c, units)}${labels.temperature}`;
  const days = o.forecast.slice(0, 3).map((f, i) => `${f.date ?? DAY_LABELS[i] ?? `day ${i + 1}`} ${f.condition} ${t(f.highC)}/${t(f.lowC)}`);
  return {
    // One sentence a reader (or a model in a hurry) can repeat as is.
    summary: `${o.location}${o.country ? `, ${o.country}` : ""}: ${o.condition}, ${t(o.tempC)}, humidity ${o.humidity}%, wind ${convertWind(o.windKph, units)} ${labels.wind}${o.windDir ? ` ${o.windDir}` : ""}.${days.length ? ` Forecast: ${days.join("; ")}.` : ""}`,
    location: o.location,
    ...(o.country ? { country: o.country } : {}),
    units: labels,
    current: {
      temperature: convertTemp(o.tempC, units),
      feels_like: convertTemp(o.feelsLikeC, units),
      condition: o.condition,
      humidity_percent: o.humidity,
      wind_speed: convertWind(o.windKph, units),
      ...(o.windDir ? { wind_direction: o.windDir } : {}),
    },
    forecast: o.forecast.slice(0, 3).map((f, i) => ({
      day: f.date ?? DAY_LABELS[i] ?? `day ${i + 1}`,
      high: convertTemp(f.highC, units),
      low: convertTemp(f.lowC, units),
      condition: f.condition,
      ...(f.precipChance !== undefined ? { precipitation_chance_percent: f.precipChance } : {}),
    })),
    source,
  };
}
