// A dependency-free stand-in for a bundler: copies src/ to the output folder (dist/, or --out <folder>) and
// stamps the package version into the page. A real front end would run vite build, ng build or similar here.
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : "dist";
const { version } = JSON.parse(await readFile("package.json", "utf8"));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const name of await readdir("src")) {
  if (name.endsWith(".html")) {
    const page = await readFile(join("src", name), "utf8");
    await writeFile(join(out, name), page.replaceAll("%VERSION%", version));
  } else {
    await cp(join("src", name), join(out, name), { recursive: true });
  }
}

console.log(`Built the front end ${version} into ${out}/`);
