import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-JP4RYW54.js";import"./chunk-BH4AQW5C.js";import"./chunk-YV645LQB.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-GYNS6QEJ.js.map
