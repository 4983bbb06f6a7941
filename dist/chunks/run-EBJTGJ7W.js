import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-U3VPICLK.js";import"./chunk-VQVBVXY7.js";import"./chunk-BH4AQW5C.js";import"./chunk-45KLUOFL.js";import"./chunk-4AZIGIMX.js";import"./chunk-Q3BN6BGB.js";import"./chunk-OVXOE5O6.js";import"./chunk-DBGT2NTL.js";import"./chunk-JGZKPMX6.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-EBJTGJ7W.js.map
