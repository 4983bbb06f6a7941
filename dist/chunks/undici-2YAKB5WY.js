import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-XGPBIPZ2.js";import"./chunk-CMF7AB3J.js";export default a();
//# sourceMappingURL=undici-2YAKB5WY.js.map
