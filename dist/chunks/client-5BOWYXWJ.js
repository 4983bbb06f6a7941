import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-PQBFG3PC.js";import"./chunk-MNISLSHO.js";import"./chunk-SX4B47T3.js";import"./chunk-X3ADC67J.js";import"./chunk-FWPIDF75.js";import"./chunk-4ZUL2DMA.js";export{d as clientTuning,c as createGitHubClient,a as proxiedFetch,b as userAgentOf};
//# sourceMappingURL=client-5BOWYXWJ.js.map
