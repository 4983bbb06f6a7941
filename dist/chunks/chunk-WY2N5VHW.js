import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{b as e}from"./chunk-BKIZNBJP.js";import{f as o}from"./chunk-FWPIDF75.js";function a(r,t){if(r===void 0)return t.now();let n=e(r);if(!n.ok)throw new o(`--now ${r}: ${n.reason}`);return new Date(n.ms)}export{a};
//# sourceMappingURL=chunk-WY2N5VHW.js.map
