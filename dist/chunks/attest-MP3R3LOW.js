import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-LIMURKZC.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{a as actionsAttestSigner,b as noSignatureVerifier};
//# sourceMappingURL=attest-MP3R3LOW.js.map
