import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-M7RSP2KZ.js";import"./chunk-K2HY5WDW.js";import"./chunk-PGXEN2PD.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as renderFailureMarkdown,b as renderMarkdown,a as withoutEvaluationInstant};
//# sourceMappingURL=markdown-7N24IOTU.js.map
