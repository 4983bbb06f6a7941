import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import{c as a,d as b}from"./chunk-TOQ2X4YT.js";import"./chunk-ER6WCIPT.js";import"./chunk-W2QW2VYB.js";export{b as clientTuning,a as createGitHubClient};
