import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-KDTCC4ZL.js";import"./chunk-BZM2GXUX.js";import"./chunk-CMF7AB3J.js";export{a as SARIF_SCHEMA,b as renderSarif};
//# sourceMappingURL=sarif-PKMEDYUJ.js.map
