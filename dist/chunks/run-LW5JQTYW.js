import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-FL3WNDX5.js";import"./chunk-BH4AQW5C.js";import"./chunk-TP23RTKN.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-LW5JQTYW.js.map
