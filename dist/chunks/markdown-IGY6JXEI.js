import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c}from"./chunk-BRKK44FN.js";import"./chunk-VZQMSCIZ.js";import"./chunk-JYVJ5RCB.js";import"./chunk-4UBD5BMQ.js";import"./chunk-4CFMFQA6.js";import"./chunk-OFLAJGPW.js";import"./chunk-BKIZNBJP.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{c as renderFailureMarkdown,b as renderMarkdown,a as withoutEvaluationInstant};
//# sourceMappingURL=markdown-IGY6JXEI.js.map
