// Renders bench/results/chart.png from bench/results/results.json: an SVG bar chart, rasterized with resvg.
// Usage: node chart.mjs RESULTS_JSON OUTPUT_PNG [OUTPUT_SVG]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const [input, output, svgOutput] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node chart.mjs RESULTS_JSON OUTPUT_PNG [OUTPUT_SVG]");
  process.exit(2);
}
const results = JSON.parse(readFileSync(input, "utf8"));

const width = 1200;
const colors = { multistage: "#1f6feb", "visual-studio": "#8b949e", "dotnet-docker": "#b6bdc6", "publish-container": "#d4a72c", plain: "#b6bdc6" };
const ink = "#1f2328";
const muted = "#57606a";
const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const text = (x, y, content, { size = 14, weight = "normal", fill = ink, anchor = "start" } = {}) =>
  `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escape(content)}</text>`;

const barHeight = 18;
const gap = 6;
const panelHeight = (count) => 40 + count * (barHeight + gap);

// One panel: a title, a note, and one horizontal bar per row, scaled to the largest value.
function panel(x, y, w, title, note, rows, format) {
  const labelWidth = 190;
  const max = Math.max(...rows.map((r) => r.value ?? 0)) || 1;
  const barSpace = w - labelWidth - 80;
  const parts = [text(x, y, title, { size: 15, weight: "bold" }), text(x, y + 18, note, { size: 11, fill: muted })];
  rows.forEach((row, i) => {
    const top = y + 30 + i * (barHeight + gap);
    parts.push(text(x, top + 14, row.label, { size: 12, weight: row.strong ? "bold" : "normal" }));
    if (row.value == null) {
      parts.push(text(x + labelWidth, top + 14, "not measured", { size: 12, fill: muted }));
      return;
    }
    const length = Math.max(2, (row.value / max) * barSpace);
    parts.push(`<rect x="${x + labelWidth}" y="${top}" width="${length.toFixed(1)}" height="${barHeight}" rx="3" fill="${row.color}"/>`);
    parts.push(text(x + labelWidth + length + 6, top + 14, format(row.value), { size: 12, weight: row.strong ? "bold" : "normal" }));
  });
  return parts.join("\n");
}

const engineLabels = { buildkit: "BuildKit", buildah: "buildah", dotnet: "" };
const shortLabels = { multistage: "MultiStage.Sdk", "visual-studio": "Visual Studio", "dotnet-docker": "dotnet-docker", "publish-container": "PublishContainer" };
const builders = [...results.engines.flatMap((engine) => ["multistage", "visual-studio", "dotnet-docker"].map((variant) => ({ engine, variant }))),
  { engine: "dotnet", variant: "publish-container" }];
const rows = (set, pick) =>
  builders.map(({ engine, variant }) => {
    const entry = set[`${engine}/${variant}`];
    return {
      label: engine === "dotnet" ? shortLabels[variant] : `${shortLabels[variant]}, ${engineLabels[engine]}`,
      value: entry ? pick(entry) ?? null : null,
      color: colors[variant],
      strong: variant === "multistage",
    };
  });
const { small, large } = results.containers;
const o = results.overhead;
const targetById = Object.fromEntries(results.targets.map((t) => [t.id, t]));
const shown = (id) => (targetById[id] ? `${targetById[id].shown}${targetById[id].met ? "" : " (missed)"}` : "not measured");
const mark = (id) => (!targetById[id] ? "not measured" : targetById[id].met ? "target met" : "target missed");
const secondsFormat = (v) => `${v.toFixed(1)} s`;
const bytesFormat = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} MB` : `${(v / 1e3).toFixed(1)} kB`);

const columnWidth = 560;
const left = 40;
const right = 620;
const count = builders.length;
const rowHeight = panelHeight(count) + 24;
let y = 124;
const panels = [];
const pair = (a, b) => {
  panels.push(a(left, y), b(right, y));
  y += rowHeight;
};
pair(
  (x, top) => panel(x, top, columnWidth, "New layer bytes after a one-line edit (sample-large)",
    `what a push sends, median; MultiStage.Sdk / dotnet-docker: BuildKit ${shown("edit_bytes_buildkit")}, buildah ${shown("edit_bytes_buildah")} (<= 5%)`,
    rows(large, (e) => e.edit_app?.median_new_layer_bytes), bytesFormat),
  (x, top) => panel(x, top, columnWidth, "Rebuild after an edit in Orders.Api (sample-large)",
    `seconds, median; MultiStage.Sdk / dotnet-docker on BuildKit ${shown("leaf_rebuild_buildkit")} (<= 0.70)`,
    rows(large, (e) => e.edit_app?.median_s), secondsFormat),
);
pair(
  (x, top) => panel(x, top, columnWidth, "Rebuild after an edit in Orders.Domain (sample-large)",
    "seconds, median; the project every other one references",
    rows(large, (e) => e.edit_domain?.median_s), secondsFormat),
  (x, top) => panel(x, top, columnWidth, "Second service: Orders.Worker after Orders.Api",
    "seconds, right after the cold build of Orders.Api",
    rows(large, (e) => e.second_service?.median_s), secondsFormat),
);
pair(
  (x, top) => panel(x, top, columnWidth, "Cold build of Orders.Api (sample-large)", "seconds; no layer cache, empty cache mounts",
    rows(large, (e) => e.cold?.median_s), secondsFormat),
  (x, top) => panel(x, top, columnWidth, "New layer bytes of the second service",
    "what pushing Orders.Worker sends after Orders.Api",
    rows(large, (e) => e.second_service?.median_new_layer_bytes), bytesFormat),
);
pair(
  (x, top) => panel(x, top, columnWidth, "bench/sample: rebuild after a one-line edit",
    `seconds, median; vs VS: BuildKit ${shown("rebuild_vs_visual_studio_buildkit")}, buildah ${shown("rebuild_vs_visual_studio_buildah")} (<= 0.80)`,
    rows(small, (e) => e.edit_app?.median_s), secondsFormat),
  (x, top) => panel(x, top, columnWidth, "bench/sample: cold build", "seconds; no layer cache, empty cache mounts",
    rows(small, (e) => e.cold?.median_s), secondsFormat),
);
const appRows = ["multistage", "visual-studio", "dotnet-docker"].map((variant) => ({
  label: shortLabels[variant], value: small[`buildah/${variant}`]?.app_bytes ?? null, color: colors[variant], strong: variant === "multistage",
}));
const contextRows = ["multistage", "visual-studio", "dotnet-docker"].map((variant) => ({
  label: shortLabels[variant], value: small[`buildah/${variant}`]?.context_files ?? null, color: colors[variant], strong: variant === "multistage",
}));
panels.push(panel(left, y, columnWidth, "bench/sample: app bytes in the final image", `final image minus its base image (buildah); ${mark("app_bytes")}`,
  appRows, (v) => `${(v / 1000).toFixed(1)} kB`));
panels.push(panel(right, y, columnWidth, "bench/sample: files in the build context", "what the builder sends, after each .dockerignore",
  contextRows, (v) => `${v}`));
y += panelHeight(3) + 24;
panels.push(panel(left, y, columnWidth, "No-change dotnet build",
  `milliseconds, median of ${o.rounds}; ratio ${o.ratio.toFixed(3)} (<= 1.03, ${mark("overhead_ratio")})`,
  [
    { label: "MultiStage.Sdk", value: o.sdk_median_ms, color: colors.multistage, strong: true },
    { label: "plain Web SDK", value: o.plain_median_ms, color: colors.plain },
    { label: "generation targets", value: o.target_median_ms, color: colors.multistage },
  ], (v) => `${v} ms`));

// The targets, met or missed.
const list = [text(right, y, "Targets", { size: 15, weight: "bold" })];
results.targets.forEach((t, i) => {
  const line = y + 26 + i * 22;
  list.push(`<circle cx="${right + 6}" cy="${line - 4}" r="5" fill="${t.met ? "#1a7f37" : "#cf222e"}"/>`);
  list.push(text(right + 18, line, t.label, { size: 12, weight: t.met ? "normal" : "bold" }));
  list.push(text(width - 40, line, `${t.shown}  (${t.target})${t.met ? "" : ": missed"}`, { size: 12, anchor: "end", fill: t.met ? muted : "#cf222e" }));
});
const height = Math.max(y + panelHeight(3), y + 26 + results.targets.length * 22) + 20;

const m = results.machine;
const loadNote = m.busy ? `; machine busy with other work (load ${m.load_average.containers})` : "";
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
${text(left, 44, "MultiStage.Sdk vs the Visual Studio and dotnet-docker Dockerfile shapes and PublishContainer", { size: 21, weight: "bold" })}
${text(left, 70, `bench/sample (web API + library) and bench/sample-large (2 services, 5 projects, ~4.5 MB of packages); BuildKit (Docker ${(m.docker.match(/version ([^,]+)/) ?? [, "?"])[1]}) and buildah ${m.buildah.replace(/^buildah version /, "").split(" ")[0]}, same stand-in base images`, { size: 13, fill: muted })}
${text(left, 90, `${results.date.slice(0, 10)}, ${m.cores} cores, ${m.memory_gib} GiB, ${m.os}, .NET SDK ${m.dotnet_sdk}${loadNote}. One run: compare as ratios.`, { size: 13, fill: muted })}
${panels.join("\n")}
${list.join("\n")}
</svg>
`;

if (svgOutput) writeFileSync(svgOutput, svg);
const fontFiles = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"].filter(existsSync);
const png = new Resvg(svg, {
  background: "#ffffff",
  fitTo: { mode: "width", value: width },
  font: { loadSystemFonts: true, fontFiles, defaultFontFamily: "DejaVu Sans" },
})
  .render()
  .asPng();
writeFileSync(output, png);
console.log(`chart: ${output} (${png.length} bytes)`);
