import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as e}from"./chunk-4CFMFQA6.js";function o(t){return{...t,out:r=>t.out(e(r)),err:r=>t.err(e(r))}}export{o as a};
//# sourceMappingURL=chunk-3GT2J4W2.js.map
