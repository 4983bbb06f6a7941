import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a as e}from"./chunk-Y2MDLFCP.js";function o(t){return{...t,out:r=>t.out(e(r)),err:r=>t.err(e(r))}}export{o as a};
//# sourceMappingURL=chunk-RUFW7YIR.js.map
