/**
 * jwks-rsa (under the Agents SDK) `require`s jose 6, an ES module, which jest's own module system
 * cannot load while ESM support is on (PGlite needs it). Node 20.19 can `require` an ES module, so
 * jest maps `jose` here and this loads the real package with Node's loader, outside jest's.
 */
const nodeRequire = process.getBuiltinModule('node:module').createRequire(__filename);
export = nodeRequire('jose');
