// The package's main entry is ES modules that Node cannot load as published; its bundle
// (dist/adaptivecards.js, UMD) loads under Node and jest and has the same exports.
declare module 'adaptivecards/dist/adaptivecards.js' {
  export * from 'adaptivecards';
}
