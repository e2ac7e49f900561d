/**
 * @module test/workers/agents/geo.test
 * Maps tools: haversine against known distances, lookups with aliases, routes; weather data and unit conversion.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { findCity, haversineKm } from "../../../workers/tools/maps/geo";
import { getCities, getDistance } from "../../../workers/tools/maps/distance";
import { formatDuration, getRoute } from "../../../workers/tools/maps/route";
import { getLocations, getWeather } from "../../../workers/tools/weather/get-weather";
import { convertTemp, convertWind } from "../../../workers/tools/weather/units";
import { runTool } from "./helpers";

describe("maps", () => {
  it.each([
    ["London", "Paris", 344, 3],
    ["New York", "London", 5570, 15],
    ["Tokyo", "London", 9560, 30],
    ["Sydney", "Tokyo", 7820, 30],
    ["San Francisco", "Los Angeles", 559, 5],
  ])("%s to %s is about %d km", async (a, b, km, tol) => {
    const r = await runTool(getDistance, { origin: a, destination: b });
    expect(Math.abs(r.distance - km)).toBeLessThanOrEqual(tol);
    expect(r.units).toBe("km");
  });

  it("is symmetric and zero for the same place", () => {
    const l = findCity("london")!;
    const p = findCity("paris")!;
    expect(haversineKm(l, p)).toBeCloseTo(haversineKm(p, l), 9);
    expect(haversineKm(l, l)).toBe(0);
  });

  it("converts to miles", async () => {
    const r = await runTool(getDistance, { origin: "London", destination: "Paris", units: "miles" });
    expect(r.distance).toBeGreaterThan(212);
    expect(r.distance).toBeLessThan(216);
  });

  it("resolves case, aliases, accents and a trailing country", () => {
    expect(findCity("NYC")!.name).toBe("New York");
    expect(findCity("  new   york city ")!.name).toBe("New York");
    expect(findCity("sao paulo")!.name).toBe("São Paulo");
    expect(findCity("Paris, France")!.name).toBe("Paris");
    expect(findCity("Atlantis")).toBeUndefined();
  });

  it("returns an error listing known cities for an unknown place", async () => {
    const r = await runTool(getDistance, { origin: "Atlantis", destination: "Paris" });
    expect(r.error).toMatch(/^Unknown place "Atlantis"; the known cities are Tokyo, .*\.$/);
    expect(r.known_cities).toContain("Tokyo");
  });

  it("plans a route through waypoints, leg by leg", async () => {
    const r = await runTool(getRoute, { origin: "Paris", waypoints: ["Berlin"], destination: "Rome", mode: "train" });
    expect(r.legs.map((l: { from: string; to: string }) => `${l.from}>${l.to}`)).toEqual(["Paris>Berlin", "Berlin>Rome"]);
    const sum = r.legs.reduce((a: number, l: { distance: number }) => a + l.distance, 0);
    expect(r.total_distance).toBeCloseTo(sum, 0);
    expect(r.total_travel_time).toMatch(/h/);
    expect(r.summary).toBe(`Paris → Berlin → Rome by train: ${r.total_distance} km, about ${r.total_travel_time} (Paris → Berlin ${r.legs[0].distance} km, ${r.legs[0].travel_time}; Berlin → Rome ${r.legs[1].distance} km, ${r.legs[1].travel_time}); a rough estimate from straight-line distance and average speed.`);
  });

  it("estimates faster times for faster modes", async () => {
    const hours = async (mode: string) => (await runTool(getRoute, { origin: "London", destination: "Edinburgh", mode })).total_hours as number;
    expect(await hours("flight")).toBeLessThan(await hours("driving"));
    expect(await hours("driving")).toBeLessThan(await hours("cycling"));
    // ~534 km great-circle, 1.25 detour at 80 km/h.
    expect(await hours("driving")).toBeCloseTo((534 * 1.25) / 80, 0);
  });

  it("formats durations", () => {
    expect(formatDuration(0.5)).toBe("30 min");
    expect(formatDuration(2.25)).toBe("2 h 15 min");
    expect(formatDuration(50)).toBe("2 d 2 h");
  });

  it("lists cities with coordinates", async () => {
    const r = await runTool(getCities, {});
    expect(r.cities.length).toBeGreaterThanOrEqual(20);
    expect(r.cities.find((c: { name: string }) => c.name === "New York").aliases).toContain("NYC");
  });
});

describe("weather", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("converts units properly", () => {
    expect(convertTemp(0, "imperial")).toBe(32);
    expect(convertTemp(100, "imperial")).toBe(212);
    expect(convertTemp(-40, "imperial")).toBe(-40);
    expect(convertTemp(0, "kelvin")).toBe(273.15);
    expect(convertTemp(22, "metric")).toBe(22);
    expect(convertWind(36, "kelvin")).toBe(10);
    expect(convertWind(16.09344, "imperial")).toBe(10);
  });

  it("returns current conditions and a 3-day forecast for the seed's cities", async () => {
    for (const city of ["Tokyo", "London", "New York", "Paris"]) {
      const r = await runTool(getWeather, { location: city });
      expect(r.location).toBe(city);
      expect(typeof r.current.temperature).toBe("number");
      expect(r.forecast).toHaveLength(3);
      expect(r.units.temperature).toBe("°C");
      expect(r.source).toMatch(/sample/);
    }
  });

  it("converts the same observation to imperial and kelvin", async () => {
    const c = await runTool(getWeather, { location: "tokyo" });
    const f = await runTool(getWeather, { location: "Tokyo", units: "imperial" });
    const k = await runTool(getWeather, { location: "Tokyo", units: "kelvin" });
    expect(f.current.temperature).toBeCloseTo((c.current.temperature * 9) / 5 + 32, 1);
    expect(k.current.temperature).toBeCloseTo(c.current.temperature + 273.15, 2);
    expect(f.units).toEqual({ temperature: "°F", wind: "mph" });
    expect(f.forecast[0].high).toBeCloseTo((c.forecast[0].high * 9) / 5 + 32, 1);
  });

  it("accepts celsius and fahrenheit as unit names", async () => {
    const f = await runTool(getWeather, { location: "Paris", units: "fahrenheit" });
    const i = await runTool(getWeather, { location: "Paris", units: "imperial" });
    expect(f).toEqual(i);
    expect((await runTool(getWeather, { location: "Paris", units: "celsius" })).units.temperature).toBe("°C");
  });

  it("accepts aliases and answers unknown cities with the known list", async () => {
    expect((await runTool(getWeather, { location: "NYC" })).location).toBe("New York");
    const r = await runTool(getWeather, { location: "Atlantis" });
    expect(r.error).toMatch(/Atlantis/);
    expect(r.known_cities.length).toBeGreaterThanOrEqual(14);
  });

  it("lists locations", async () => {
    const r = await runTool(getLocations, {});
    expect(r.locations).toEqual(expect.arrayContaining(["Tokyo", "London", "New York", "Paris"]));
    expect(r.summary).toBe(`Weather is available for ${r.locations.length} cities: ${r.locations.join(", ")}.`);
  });

  it("reads Open-Meteo when configured (stubbed fetch, no network)", async () => {
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toMatch(/^https:\/\/api\.open-meteo\.com\/v1\/forecast\?latitude=51\.5074/);
      return new Response(
        JSON.stringify({
          current: { temperature_2m: 10, apparent_temperature: 8, relative_humidity_2m: 90, weather_code: 61, wind_speed_10m: 20, wind_direction_10m: 225 },
          daily: { time: ["d0", "d1", "d2", "d3"], temperature_2m_max: [11, 12, 13, 14], temperature_2m_min: [5, 6, 7, 8], weather_code: [3, 0, 63, 95], precipitation_probability_max: [10, 0, 80, 90] },
        }),
        { headers: { "content-type": "application/json" } },
      );
    });
    vi.stubGlobal("fetch", fetchMock);
    const r = await runTool(getWeather, { location: "London", units: "imperial" }, { data_source: "open-meteo" });
    expect(r.current.temperature).toBe(50);
    expect(r.current.condition).toBe("Light rain");
    expect(r.current.wind_direction).toBe("SW");
    expect(r.forecast.map((d: { day: string }) => d.day)).toEqual(["d1", "d2", "d3"]);
    expect(r.forecast[2].condition).toBe("Thunderstorm");
    expect(r.source).toMatch(/live/);
  });

  it("turns a live-source failure into an error result", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("nope", { status: 503 })));
    const r = await runTool(getWeather, { location: "Paris" }, { data_source: "open-meteo" });
    expect(r.error).toMatch(/503/);
  });
});
