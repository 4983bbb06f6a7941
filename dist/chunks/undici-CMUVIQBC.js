import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a}from"./chunk-ZLPPRNQ6.js";import"./chunk-4ZUL2DMA.js";export default a();
//# sourceMappingURL=undici-CMUVIQBC.js.map
