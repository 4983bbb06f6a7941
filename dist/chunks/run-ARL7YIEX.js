import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-F2TQ7CKE.js";import"./chunk-YA5BWIDA.js";import"./chunk-BH4AQW5C.js";import"./chunk-UD6C7YFD.js";import"./chunk-XAJCOQVU.js";import"./chunk-Q3BN6BGB.js";import"./chunk-NJYXT2QI.js";import"./chunk-DBGT2NTL.js";import"./chunk-JGZKPMX6.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-ARL7YIEX.js.map
