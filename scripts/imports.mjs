// The relative static imports in an ES module's text (`import … from './x.js'`, `export … from
// './x.js'`, `import './x.js'`): the files a browser fetches with the module. Dynamic `import()`
// is not one of them. Used by scripts/sri.mjs (what to preload) and bench/measure.mjs (what the
// page loads, without a browser).
export const staticImports = (text) =>
  [...text.matchAll(/(?:\bfrom|\bimport)\s*(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]);
