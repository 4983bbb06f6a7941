import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-ZAVMVQMZ.js";import"./chunk-X3ADC67J.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{a as actionsAttestSigner,b as noSignatureVerifier};
//# sourceMappingURL=attest-NWQSSCDQ.js.map
