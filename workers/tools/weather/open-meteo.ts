/**
 * @module workers/tools/weather/open-meteo
 * Live weather from the Open-Meteo API (no key needed), used when the agent's config sets `data_source: "open-meteo"`.
 * Places come from the bundled gazetteer first, then Open-Meteo's geocoder. Never used by unit tests over the network.
 */
import { findCity } from "../maps/geo";
import { withTimeout } from "../result";
import type { MetricObservation } from "./report";

const FORECAST_URL = "https://api.open-meteo.com/v1/forecast";
const GEOCODE_URL = "https://geocoding-api.open-meteo.com/v1/search";

/** WMO weather interpretation codes, as documented by Open-Meteo. */
const WMO: Record<number, string> = {
  0: "Clear", 1: "Mainly clear", 2: "Partly cloudy", 3: "Overcast", 45: "Fog", 48: "Rime fog",
  51: "Light drizzle", 53: "Drizzle", 55: "Heavy drizzle", 56: "Freezing drizzle", 57: "Freezing drizzle",
  61: "Light rain", 63: "Rain", 65: "Heavy rain", 66: "Freezing rain", 67: "Freezing rain",
  71: "Light snow", 73: "Snow", 75: "Heavy snow", 77: "Snow grains", 80: "Rain showers", 81: "Rain showers",
  82: "Violent rain showers", 85: "Snow showers", 86: "Snow showers", 95: "Thunderstorm", 96: "Thunderstorm with hail", 99: "Thunderstorm with hail",
};

export function describeWmo(code: number): string {
  return WMO[code] ?? `Weather code ${code}`;
}

const COMPASS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

export class LiveWeatherError extends Error {}

async function getJson(url: string, signal: AbortSignal): Promise<any> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!res.ok) throw new LiveWeatherError(`Open-Meteo answered HTTP ${res.status}`);
  return res.json();
}

async function locate(location: string, signal: AbortSignal) {
  const known = findCity(location);
  if (known) return { name: known.name, country: known.country, lat: known.lat, lon: known.lon };
  const url = `${GEOCODE_URL}?name=${encodeURIComponent(location)}&count=1&language=en&format=json`;
  const body = await getJson(url, signal);
  const hit = body?.results?.[0];
  if (!hit) return undefined;
  return { name: String(hit.name), country: hit.country ? String(hit.country) : undefined, lat: Number(hit.latitude), lon: Number(hit.longitude) };
}

/** Fetches current conditions and a 3-day forecast; `undefined` when the place is unknown. */
export async function fetchOpenMeteo(location: string, signal: AbortSignal, timeoutMs: number): Promise<MetricObservation | undefined> {
  const s = withTimeout(signal, timeoutMs);
  const place = await locate(location, s);
  if (!place) return undefined;
  const q = new URLSearchParams({
    latitude: String(place.lat),
    longitude: String(place.lon),
    current: "temperature_2m,apparent_temperature,relative_humidity_2m,weather_code,wind_speed_10m,wind_direction_10m",
    daily: "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max",
    forecast_days: "4",
    timezone: "auto",
  });
  const body = await getJson(`${FORECAST_URL}?${q}`, s);
  const cur = body?.current;
  const daily = body?.daily;
  if (!cur || !daily) throw new LiveWeatherError("Open-Meteo returned no current/daily data");
  // Index 0 is today; the forecast covers the next three days.
  const forecast = [1, 2, 3]
    .filter((i) => daily.time?.[i] !== undefined)
    .map((i) => ({
      date: String(daily.time[i]),
      highC: Number(daily.temperature_2m_max[i]),
      lowC: Number(daily.temperature_2m_min[i]),
      condition: describeWmo(Number(daily.weather_code[i])),
      precipChance: daily.precipitation_probability_max?.[i] ?? undefined,
    }));
  return {
    location: place.name,
    country: place.country,
    tempC: Number(cur.temperature_2m),
    feelsLikeC: Number(cur.apparent_temperature),
    condition: describeWmo(Number(cur.weather_code)),
    humidity: Number(cur.relative_humidity_2m),
    windKph: Number(cur.wind_speed_10m),
    windDir: COMPASS[Math.round(Number(cur.wind_direction_10m) / 45) % 8],
    forecast,
  };
}
