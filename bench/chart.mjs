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
const height = 720;
const colors = { multistage: "#1f6feb", "visual-studio": "#8b949e", "dotnet-docker": "#b6bdc6", plain: "#b6bdc6" };
const ink = "#1f2328";
const muted = "#57606a";
const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const text = (x, y, content, { size = 14, weight = "normal", fill = ink, anchor = "start" } = {}) =>
  `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escape(content)}</text>`;

// One panel: a title, a note, and one horizontal bar per row, scaled to the largest value.
function panel(x, y, w, title, note, rows, format) {
  const labelWidth = 170;
  const barHeight = 26;
  const gap = 12;
  const max = Math.max(...rows.map((r) => r.value)) || 1;
  const barSpace = w - labelWidth - 90;
  const parts = [text(x, y, title, { size: 16, weight: "bold" }), text(x, y + 20, note, { size: 12, fill: muted })];
  rows.forEach((row, i) => {
    const top = y + 36 + i * (barHeight + gap);
    const length = Math.max(2, (row.value / max) * barSpace);
    parts.push(text(x, top + 18, row.label, { size: 13, weight: row.strong ? "bold" : "normal" }));
    parts.push(`<rect x="${x + labelWidth}" y="${top}" width="${length.toFixed(1)}" height="${barHeight}" rx="3" fill="${row.color}"/>`);
    parts.push(text(x + labelWidth + length + 8, top + 18, format(row.value), { size: 13, weight: row.strong ? "bold" : "normal" }));
  });
  return parts.join("\n");
}

const c = results.containers;
const variants = ["multistage", "visual-studio", "dotnet-docker"];
const rows = (pick) => variants.map((id) => ({ label: c[id].label, value: pick(c[id]), color: colors[id], strong: id === "multistage" }));
const o = results.overhead;
const targetById = Object.fromEntries(results.targets.map((t) => [t.id, t]));
const mark = (id) => (targetById[id].met ? "target met" : "target missed");

const columnWidth = 560;
const left = 40;
const right = 620;
const panels = [
  panel(left, 120, columnWidth, "Rebuild after a one-line source edit",
    `seconds, median of ${c.multistage.rebuild_s.length}; MultiStage.Sdk / VS ${targetById.rebuild_vs_visual_studio.value} (<= 0.80), / dotnet-docker ${targetById.rebuild_vs_dotnet_docker.value} (<= 1.00)`,
    rows((v) => v.rebuild_median_s), (v) => `${v.toFixed(1)} s`),
  panel(right, 120, columnWidth, "Cold build", "seconds; no layer cache, empty NuGet cache mounts",
    rows((v) => v.cold_s), (v) => `${v.toFixed(1)} s`),
  panel(left, 320, columnWidth, "App bytes in the final image", `final image minus its base image; ${mark("app_bytes")} (<= smallest anchor)`,
    rows((v) => v.app_bytes), (v) => `${(v / 1000).toFixed(1)} kB`),
  panel(right, 320, columnWidth, "Files in the build context", "what the builder sends, after each .dockerignore",
    rows((v) => v.context_files), (v) => `${v}`),
  panel(left, 520, columnWidth, "No-change dotnet build",
    `milliseconds, median of ${o.rounds}; ratio ${o.ratio.toFixed(3)} (<= 1.03, ${mark("overhead_ratio")})`,
    [
      { label: "MultiStage.Sdk", value: o.sdk_median_ms, color: colors.multistage, strong: true },
      { label: "plain Web SDK", value: o.plain_median_ms, color: colors.plain },
      { label: "generation targets", value: o.target_median_ms, color: colors.multistage },
    ], (v) => `${v} ms`),
];

// The targets, met or missed.
const list = [text(right, 520, "Targets", { size: 16, weight: "bold" })];
results.targets.forEach((t, i) => {
  const y = 548 + i * 26;
  list.push(`<circle cx="${right + 7}" cy="${y - 5}" r="6" fill="${t.met ? "#1a7f37" : "#cf222e"}"/>`);
  list.push(text(right + 20, y, t.label, { size: 13, weight: t.met ? "normal" : "bold" }));
  list.push(text(width - 40, y, `${t.value}  (target ${t.target})${t.met ? "" : ": missed"}`, { size: 13, anchor: "end", fill: t.met ? muted : "#cf222e" }));
});

const m = results.machine;
const loadNote = m.busy ? `; machine busy with other work (load ${m.load_average.containers})` : "";
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
${text(left, 44, "MultiStage.Sdk vs the Visual Studio and dotnet-docker Dockerfile shapes", { size: 22, weight: "bold" })}
${text(left, 70, `bench/sample (web API + class library + Humanizer.Core + Directory.Build.props), buildah ${m.buildah.replace(/^buildah version /, "").split(" ")[0]}, same stand-in base images`, { size: 13, fill: muted })}
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
