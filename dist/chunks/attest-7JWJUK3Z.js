import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-CSLG2NRA.js";import"./chunk-HZAIBZMA.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as actionsAttestSigner,b as noSignatureVerifier};
//# sourceMappingURL=attest-7JWJUK3Z.js.map
