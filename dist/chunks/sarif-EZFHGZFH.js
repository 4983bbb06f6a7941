import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-AJPONUYM.js";import"./chunk-4UBD5BMQ.js";import"./chunk-P7PP7UBK.js";import"./chunk-BZM2GXUX.js";import"./chunk-OFLAJGPW.js";import"./chunk-2SZGIRKI.js";import"./chunk-74XRAHDJ.js";import"./chunk-BKIZNBJP.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{a as SARIF_SCHEMA,b as renderSarif};
//# sourceMappingURL=sarif-EZFHGZFH.js.map
