import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-XUACICOZ.js";import"./chunk-JAWBXM4T.js";import"./chunk-BH4AQW5C.js";import"./chunk-VADJ6BFU.js";import"./chunk-BQAYFQEP.js";import"./chunk-3KYJH35G.js";import"./chunk-KBCJ5FJC.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-RYJK7TDU.js.map
