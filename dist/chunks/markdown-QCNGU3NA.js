import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-SKYYFG25.js";import"./chunk-K2HY5WDW.js";import"./chunk-MUZE2O2W.js";import"./chunk-4UBD5BMQ.js";import"./chunk-Y2MDLFCP.js";import"./chunk-OFLAJGPW.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as renderFailureMarkdown,b as renderMarkdown,a as withoutEvaluationInstant};
//# sourceMappingURL=markdown-QCNGU3NA.js.map
