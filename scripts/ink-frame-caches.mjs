// A build-time patch of Ink 7.1.1 (esbuild plugin for scripts/build.mjs): what Ink works out
// for every frame, again and again for the same text, is kept from one frame to the next.
// Ink makes new measuring and tokenising caches for each frame (Output) and measures every
// text node's width uncached (renderNodeToOutput); a key press in the deck is a whole-screen
// frame, so most of that work is for text that did not change. Each patch names the exact
// text it replaces: a different Ink fails the build instead of being patched blindly.
import { readFile } from 'node:fs/promises';

/** Most characters whose styled cells are kept (2-3 screens of 160x47, about 2 MB); emptied past it. */
const STYLED_CHARS_BOUND = 20_000;
/** Most texts whose widths are kept; emptied past it. */
const WIDTHS_BOUND = 20_000;

const PATCHES = {
  'output.js': [
    {
      find: 'caches = new OutputCaches();',
      replace: 'caches = sharedOutputCaches();',
    },
    {
      // Every cell starts as the same blank (nothing writes into a cell: cells are replaced).
      find: `            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);`,
      replace: `            output.push(new Array(this.width).fill(BLANK_CELL));`,
    },
    {
      find: `    getStyledChars(line) {
        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            cached = styledCharsFromTokens(tokenize(line));`,
      replace: `    getStyledChars(line) {
        let cached = this.styledChars.get(line);
        if (cached === undefined) {
            this.styledCharsLength = (this.styledCharsLength ?? 0) + line.length;
            if (this.styledCharsLength > ${STYLED_CHARS_BOUND}) {
                this.styledChars.clear();
                this.styledCharsLength = line.length;
            }
            cached = styledCharsFromTokens(tokenize(line));`,
    },
    {
      // What shows of a line inside a box that clips it (every pane's content is clipped).
      find: 'return sliceAnsi(line, from, to);',
      replace: 'return cachedSliceAnsi(line, from, to);',
    },
  ],
  'render-node-to-output.js': [
    {
      find: 'const currentWidth = widestLine(text);',
      replace: 'const currentWidth = cachedWidestLine(text);',
    },
  ],
};

const APPENDED = {
  'output.js': `
const BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
let sharedCaches;
function sharedOutputCaches() {
    if (!sharedCaches || sharedCaches.widths.size + sharedCaches.blockWidths.size > ${WIDTHS_BOUND}) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
}
const slices = new Map();
let slicesLength = 0;
function cachedSliceAnsi(line, from, to) {
    const key = from + ':' + to + ':' + line;
    let slice = slices.get(key);
    if (slice === undefined) {
        slicesLength += line.length;
        if (slicesLength > ${STYLED_CHARS_BOUND}) {
            slices.clear();
            slicesLength = line.length;
        }
        slice = sliceAnsi(line, from, to);
        slices.set(key, slice);
    }
    return slice;
}
`,
  'render-node-to-output.js': `
const widestLineCache = new Map();
function cachedWidestLine(text) {
    let width = widestLineCache.get(text);
    if (width === undefined) {
        if (widestLineCache.size > ${WIDTHS_BOUND}) widestLineCache.clear();
        width = widestLine(text);
        widestLineCache.set(text, width);
    }
    return width;
}
`,
};

/** Ink's source of `ink/build/<name>` with the patches applied; throws when a patch's text is not there. */
export function patchInkSource(name, source) {
  const patches = PATCHES[name];
  if (!patches) return source;
  let out = source;
  for (const { find, replace } of patches) {
    const at = out.indexOf(find);
    if (at < 0 || out.indexOf(find, at + 1) >= 0)
      throw new Error(
        `ink-frame-caches: ink/build/${name} is not Ink 7.1.1's (no single "${find.trim().split('\n')[0]}")`,
      );
    out = out.slice(0, at) + replace + out.slice(at + find.length);
  }
  return out.replace(/\/\/# sourceMappingURL=.*$/m, '') + APPENDED[name];
}

export function inkFrameCaches() {
  return {
    name: 'ink-frame-caches',
    setup(build) {
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/](output|render-node-to-output)\.js$/ }, async (args) => {
        const name = args.path.split(/[\\/]/).pop();
        return { contents: patchInkSource(name, await readFile(args.path, 'utf8')), loader: 'js' };
      });
    },
  };
}
