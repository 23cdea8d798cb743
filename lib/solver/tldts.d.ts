// Types of tldts's minified ES build (lib/solver/site.ts imports it for its size): the package's own.
declare module 'tldts/dist/index.esm.min.js' {
  export * from 'tldts';
}
