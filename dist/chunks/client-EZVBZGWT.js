import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b}from"./chunk-BLHPY33P.js";import"./chunk-FPNFUUE2.js";import"./chunk-GPOAG7YK.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{b as clientTuning,a as createGitHubClient};
//# sourceMappingURL=client-EZVBZGWT.js.map
