import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-UXUTIGDV.js";import"./chunk-PV32M6JZ.js";import"./chunk-SX4B47T3.js";import"./chunk-HZAIBZMA.js";import"./chunk-DBURWEWC.js";import"./chunk-CMF7AB3J.js";export{d as clientTuning,c as createGitHubClient,a as proxiedFetch,b as userAgentOf};
//# sourceMappingURL=client-JJQCTNT3.js.map
