// Subresource Integrity for the build scripts, and the one place in boot.js that carries the
// wasm's: `const WASM_INTEGRITY = '';` in www/boot.js, filled by scripts/minify.mjs in a release
// build (before it bundles boot.js, as minifying would fold the empty value away), else by
// scripts/sri.mjs.
import { createHash } from 'node:crypto';

export const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');

const MARKER = "const WASM_INTEGRITY = '';";

/** boot.js's text with the wasm's `integrity` written in, or null when it has no empty marker. */
export const withWasmIntegrity = (bootText, integrity) =>
  bootText.includes(MARKER) ? bootText.replace(MARKER, `const WASM_INTEGRITY = '${integrity}';`) : null;
