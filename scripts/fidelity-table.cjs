#!/usr/bin/env node
// Rewrites the fidelity table of emulator/README.md from the method catalogue (run after `npm run build`).
const fs = require("node:fs");
const path = require("node:path");
const { withFidelityTable } = require("../dist/emulator/catalogue/table.js");
const file = path.join(__dirname, "..", "emulator", "README.md");
fs.writeFileSync(file, withFidelityTable(fs.readFileSync(file, "utf8")));
console.log(`updated ${path.relative(process.cwd(), file)}`);
