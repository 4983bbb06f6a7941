import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-4BTSNXHZ.js";import"./chunk-K2HY5WDW.js";import"./chunk-QSAF2Q3Z.js";import"./chunk-ZXTBMWZH.js";import"./chunk-Y2MDLFCP.js";import"./chunk-BKIZNBJP.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{b as renderFailureMarkdown,a as renderMarkdown};
//# sourceMappingURL=markdown-VJGUC7SX.js.map
