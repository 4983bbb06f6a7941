import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-GTIWEOHN.js";import"./chunk-BH4AQW5C.js";import"./chunk-IAOX77IL.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-NZCG7PZP.js.map
