import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-E62ACAE5.js";import"./chunk-4UBD5BMQ.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-CMF7AB3J.js";export{a as SARIF_SCHEMA,b as renderSarif};
//# sourceMappingURL=sarif-I23CPIMA.js.map
