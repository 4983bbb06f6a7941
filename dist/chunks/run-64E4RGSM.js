import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{k as a}from"./chunk-KSKABWOL.js";import"./chunk-BH4AQW5C.js";import"./chunk-GSDX6QS3.js";import"./chunk-QNYKDEZB.js";export{a as runPortfolio};
//# sourceMappingURL=run-64E4RGSM.js.map
