import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-KFITRRYT.js";import"./chunk-BH4AQW5C.js";import"./chunk-YR5DJZNT.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-3NS64RFS.js.map
