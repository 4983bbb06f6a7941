import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-PAGQJNO3.js";import"./chunk-K2HY5WDW.js";import"./chunk-5EJVHGYF.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{c as renderFailureMarkdown,b as renderMarkdown,a as withoutEvaluationInstant};
//# sourceMappingURL=markdown-CEA2UA3Z.js.map
